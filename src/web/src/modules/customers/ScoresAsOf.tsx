import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../format/useFormatter.js';
import { useScoresStatus } from './scores.api.js';

/** " · scores as of 30 Nov 2026, 11:46": when the stored scores a filtered list relies on were computed. */
export function ScoresAsOf() {
  const { t } = useTranslation();
  const f = useFormatter();
  const last = useScoresStatus().data?.lastComputedAt ?? null;
  if (last === null) return null;
  return <> · {t('customers.scoresAsOf', { time: f.dateTime(last) })}</>;
}
