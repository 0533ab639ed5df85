import { Button, Group, Pill } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../format/useFormatter.js';
import { filterChips } from './filter-chips.js';
import type { ListFilters } from './list-state.js';

/** Props of ActiveFilters. */
export interface ActiveFiltersProps {
  value: ListFilters;
  onChange: (patch: Partial<ListFilters>) => void;
  onClearAll: () => void;
  /** ISO code of the workspace currency the money bounds are kept in. */
  currency: string;
}

/** The filters in use as chips under the search, each removable on its own; nothing when none is set. */
export function ActiveFilters({ value, onChange, onClearAll, currency }: ActiveFiltersProps) {
  const { t } = useTranslation();
  const format = useFormatter();
  const chips = filterChips(value, t, format, currency);
  if (chips.length === 0) return null;
  return (
    <Group gap="xs" role="list" aria-label={t('customers.chips.label')}>
      {chips.map((chip) => (
        <Pill
          key={chip.key}
          role="listitem"
          size="md"
          withRemoveButton
          onRemove={() => onChange(chip.clear)}
          // A pill hides its button from the keyboard and screen readers (inside an input the input
          // handles removal); here the button is the only way to remove the filter.
          removeButtonProps={{ 'aria-label': t('customers.chips.remove', { filter: chip.label }), 'aria-hidden': false, tabIndex: 0 }}
          styles={{ root: { background: 'var(--mantine-color-blue-light)', color: 'var(--mantine-color-blue-light-color)' } }}
        >
          {chip.label}
        </Pill>
      ))}
      {chips.length > 1 && (
        <Button variant="subtle" size="compact-sm" color="gray" onClick={onClearAll}>
          {t('customers.filters.reset')}
        </Button>
      )}
    </Group>
  );
}
