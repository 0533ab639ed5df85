import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.js';
import { ListSkeleton } from '../../components/ListSkeleton.js';
import { MembersTable } from './MembersTable.js';
import { useSegmentMembers } from './segments.api.js';

/** A segment's members, fifty at a time. */
export function SegmentMembersPanel({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation();
  const members = useSegmentMembers(segmentId);
  const rows = members.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('segments.members.title')}>
      <Stack gap="sm">
        <Title order={2} size="h4">{t('segments.members.title')}</Title>
        {members.isPending ? <ListSkeleton rows={5} height={24} />
          : members.isError ? <ErrorState error={members.error} onRetry={() => void members.refetch()} />
          : rows.length === 0 ? <Text c="dimmed">{t('segments.members.none')}</Text>
          : <MembersTable rows={rows} label={t('segments.members.title')} />}
        {members.hasNextPage && (
          <Button variant="default" w="fit-content" loading={members.isFetchingNextPage} onClick={() => void members.fetchNextPage()}>{t('segments.members.more')}</Button>
        )}
      </Stack>
    </Paper>
  );
}
