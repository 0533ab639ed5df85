import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Grey rows standing in for a list or table while it loads; announced as loading. */
export function ListSkeleton({ rows, height = 32, flushTop = false }: { rows: number; height?: number; flushTop?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack p="md" pt={flushTop ? 0 : undefined} gap="xs" role="status" aria-label={t('common.loading')}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={height} />
      ))}
    </Stack>
  );
}
