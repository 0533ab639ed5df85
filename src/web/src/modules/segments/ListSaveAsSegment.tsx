import { Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../format/useFormatter.js';
import { filterChips } from '../customers/filter-chips.js';
import type { ListState } from '../customers/list-state.js';
import { listFiltersRule } from './save-as.js';
import { SaveAsSegmentButton } from './SaveAsSegmentButton.js';

/** "Save as segment" of the customer list: its filters (and "my customers") as a rule, named after the filters' chips. */
export function ListSaveAsSegment({ state, userId, currency }: { state: ListState; userId: string; currency: string }) {
  const { t } = useTranslation();
  const format = useFormatter();
  const chips = filterChips(state, t, format, currency).map((c) => c.label);
  const rule = listFiltersRule(state, { userId, currency });
  if (rule.rules.length === 0) return null;
  const name = t('segments.saveAs.filtersName', { filters: chips.join(', ') || t('customers.scope.mine') });
  const button = <SaveAsSegmentButton prefill={{ name, rule }} />;
  // The search text narrows the list but is no condition of a segment; say so rather than drop it silently.
  return state.q.trim() ? <Tooltip label={t('segments.saveAs.searchIgnored')}><span>{button}</span></Tooltip> : button;
}
