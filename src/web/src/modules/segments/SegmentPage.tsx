import { Badge, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { roleAllows } from '../../../../platform/roles.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { ChangeFigure } from './ChangeFigure.js';
import { DeleteSegmentButton } from './DeleteSegmentButton.js';
import { SegmentComposition } from './SegmentComposition.js';
import { SegmentExports } from './SegmentExports.js';
import { SegmentExportsPanel } from './SegmentExportsPanel.js';
import { SegmentHistoryPanel } from './SegmentHistoryPanel.js';
import { SegmentMembersPanel } from './SegmentMembersPanel.js';
import { SegmentStatus } from './SegmentStatus.js';
import { useSegment } from './segments.api.js';
import { SizeChart } from './SizeChart.js';
import { StaticMembersBox } from './StaticMembersBox.js';

/** A segment's page: its size and how it changed, who the members are, entries and exits, exports. */
export function SegmentPage() {
  const { t } = useTranslation();
  const f = useFormatter();
  const { segmentId = '' } = useParams();
  const workspace = useWorkspace();
  const segment = useSegment(segmentId);
  if (segment.isPending) return <PageLoader minHeight="40vh" />;
  if (segment.isError) return <ErrorState error={segment.error} onRetry={() => void segment.refetch()} />;
  const s = segment.data;
  const canWrite = roleAllows(workspace.role, 'segments:write');
  const figures = [
    { label: t('segments.page.size'), value: <Text fz={26} fw={650} data-testid="segment-size">{f.number(s.count)}</Text> },
    { label: t('segments.page.change7'), value: <ChangeFigure value={s.change7} size="xl" /> },
    { label: t('segments.page.change30'), value: <ChangeFigure value={s.change30} size="xl" /> },
  ];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">{s.name}</Title>
            <Badge variant="outline" color="gray">{t(`segments.kinds.${s.kind}`)}</Badge>
            <SegmentStatus segment={s} />
          </Group>
          {s.description && <Text c="dimmed" size="sm" maw={760}>{s.description}</Text>}
          {s.builtAt !== null && <Text size="xs" c="dimmed">{t('segments.page.built', { at: f.dateTime(s.builtAt) })}</Text>}
        </Stack>
        <Group gap="xs">
          <SegmentExports segmentId={s.id} />
          {canWrite && <Button variant="default" component={Link} to={`/w/${workspace.id}/segments/${s.id}/edit`}>{t('segments.page.edit')}</Button>}
          {canWrite && <DeleteSegmentButton segmentId={s.id} name={s.name} />}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        {figures.map((fig) => (
          <Paper key={fig.label} withBorder radius="md" p="md" aria-label={fig.label}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{fig.label}</Text>
            {fig.value}
          </Paper>
        ))}
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <SizeChart segmentId={s.id} createdAt={s.createdAt} />
            <SegmentComposition segmentId={s.id} />
            <SegmentMembersPanel segmentId={s.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            {s.kind === 'static' && canWrite && <StaticMembersBox segmentId={s.id} />}
            {roleAllows(workspace.role, 'segments:export') && <SegmentExportsPanel segmentId={s.id} />}
            <SegmentHistoryPanel segmentId={s.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
