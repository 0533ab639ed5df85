import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type ColumnId, columns, isColumnId } from './customer-columns.js';

/** Picks the customer table's columns; the choice is kept for the user. */
export function ColumnChooser({ value, onChange }: { value: ColumnId[]; onChange: (next: ColumnId[]) => void }) {
  const { t } = useTranslation();
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default">{t('customers.columnsButton')}</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group
          label={t('customers.columnsTitle')}
          value={value}
          onChange={(next) => onChange(columns.map((c) => c.id).filter((id) => next.includes(id) && isColumnId(id)))}
        >
          <Stack gap={8} mt="xs">
            {columns.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.label(t)} disabled={c.id === 'name'} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}
