import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../components/ErrorState.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useSegmentHistory } from './segments.api.js';

/** Who entered and left a segment, and when, newest first. */
export function SegmentHistoryPanel({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { id: workspaceId } = useWorkspace();
  const history = useSegmentHistory(segmentId);
  const rows = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('segments.page.history')}>
      <Stack gap="xs">
        <Title order={2} size="h4">{t('segments.page.history')}</Title>
        {history.isError && <ErrorState error={history.error} onRetry={() => void history.refetch()} />}
        {history.isSuccess && rows.length === 0 && <Text c="dimmed" size="sm">{t('segments.page.noHistory')}</Text>}
        {rows.map((r, i) => (
          <Group key={`${r.customerId}-${r.at}-${i}`} gap="xs" wrap="nowrap">
            <Badge size="sm" variant="light" color={r.entered ? 'teal' : 'gray'} w={72}>{r.entered ? t('segments.page.entered') : t('segments.page.left')}</Badge>
            <Anchor component={Link} to={`/w/${workspaceId}/customers/${r.customerId}`} size="sm">№{r.customerId}</Anchor>
            <Text size="xs" c="dimmed">{f.dateTime(r.at)}</Text>
          </Group>
        ))}
        {history.hasNextPage && (
          <Button size="compact-sm" variant="subtle" w="fit-content" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>{t('segments.members.more')}</Button>
        )}
      </Stack>
    </Paper>
  );
}
