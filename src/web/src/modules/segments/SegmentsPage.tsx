import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { roleAllows } from '../../../../platform/roles.js';
import { ErrorState } from '../../components/ErrorState.js';
import { ListSkeleton } from '../../components/ListSkeleton.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { ChangeFigure } from './ChangeFigure.js';
import { newSegmentPath } from './prefill.js';
import { SegmentStatus } from './SegmentStatus.js';
import { useSegments } from './segments.api.js';

/** The segments of the workspace: size, change over 7 and 30 days, state and last update; an explanation when there are none. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const segments = useSegments();
  const canWrite = roleAllows(workspace.role, 'segments:write');
  const newButton = canWrite && <Button component={Link} to={newSegmentPath(workspace.id)}>{t('segments.new')}</Button>;
  const rows = segments.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">{t('segments.title')}</Title>
          <Text c="dimmed" size="sm" maw={760}>{t('segments.intro')}</Text>
        </Stack>
        {rows.length > 0 && newButton}
      </Group>
      <Paper withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
        {segments.isPending ? (
          <ListSkeleton rows={5} height={28} />
        ) : segments.isError ? (
          <Stack p="md"><ErrorState error={segments.error} onRetry={() => void segments.refetch()} /></Stack>
        ) : rows.length === 0 ? (
          <Stack p="xl" gap="sm" align="flex-start" maw={720}>
            <Title order={2} size="h4">{t('segments.empty.title')}</Title>
            <Text c="dimmed">{t('segments.empty.text')}</Text>
            {newButton}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" aria-label={t('segments.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('segments.columns.name')}</Table.Th>
                  <Table.Th>{t('segments.columns.kind')}</Table.Th>
                  <Table.Th>{t('segments.columns.status')}</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('segments.columns.size')}</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('segments.columns.change7')}</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('segments.columns.change30')}</Table.Th>
                  <Table.Th>{t('segments.columns.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/w/${workspace.id}/segments/${s.id}`} fw={600}>{s.name}</Anchor>
                      {s.description && <Text size="xs" c="dimmed" lineClamp={1}>{s.description}</Text>}
                    </Table.Td>
                    <Table.Td><Text size="sm">{t(`segments.kinds.${s.kind}`)}</Text></Table.Td>
                    <Table.Td><SegmentStatus segment={s} /></Table.Td>
                    <Table.Td ta="right"><Text size="sm" fw={600}>{f.number(s.count)}</Text></Table.Td>
                    <Table.Td ta="right"><ChangeFigure value={s.change7} /></Table.Td>
                    <Table.Td ta="right"><ChangeFigure value={s.change30} /></Table.Td>
                    <Table.Td><Text size="sm">{f.dateTime(Math.max(s.builtAt ?? 0, s.updatedAt))}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
