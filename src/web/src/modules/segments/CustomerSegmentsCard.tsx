import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { SectionCard } from '../customers/SectionCard.js';
import { useCustomerSegments } from './segments.api.js';

/** The segments a customer is in, each opening the segment's page, with the day the customer entered it. */
export function CustomerSegmentsCard({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { id: workspaceId } = useWorkspace();
  const segments = useCustomerSegments(customerId);
  const rows = segments.data ?? [];
  return (
    <SectionCard title={t('segments.profile.title')}>
      {segments.isSuccess && rows.length === 0 && <Text size="sm" c="dimmed">{t('segments.profile.none')}</Text>}
      {segments.isError && <Text size="sm" c="dimmed">{segments.error.message}</Text>}
      <Stack gap={4} role="list">
        {rows.map((s) => (
          <Group key={s.id} justify="space-between" wrap="nowrap" role="listitem">
            <Anchor component={Link} to={`/w/${workspaceId}/segments/${s.id}`} size="sm" fw={500}>{s.name}</Anchor>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{t('segments.profile.since', { date: f.date(s.since) })}</Text>
          </Group>
        ))}
      </Stack>
    </SectionCard>
  );
}
