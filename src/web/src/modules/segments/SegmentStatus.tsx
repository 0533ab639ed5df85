import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Segment } from './segments.types.js';

const colors = { building: 'blue', ready: 'green', failed: 'red' } as const;

/** A segment's state: building, ready, or failed with its error on hover. */
export function SegmentStatus({ segment }: { segment: Pick<Segment, 'status' | 'error'> }) {
  const { t } = useTranslation();
  const badge = <Badge variant="light" color={colors[segment.status]}>{t(`segments.status.${segment.status}`)}</Badge>;
  return segment.status === 'failed' && segment.error ? <Tooltip label={t('segments.failedWith', { error: segment.error })} multiline maw={360}>{badge}</Tooltip> : badge;
}
