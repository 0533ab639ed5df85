import { Button, EmptyState, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Props of CustomerListEmpty. */
export interface CustomerListEmptyProps {
  /** A search or filter narrows the list. */
  filtered: boolean;
  /** The list shows only the signed-in user's customers. */
  mine: boolean;
  onClearAll: () => void;
  onShowAll: () => void;
}

/** What an empty customer list says, with the way out: clear the search, or show everyone's customers. */
export function CustomerListEmpty({ filtered, mine, onClearAll, onShowAll }: CustomerListEmptyProps) {
  const { t } = useTranslation();
  const kind = mine ? (filtered ? 'MineFiltered' : 'Mine') : filtered ? 'Filtered' : '';
  return (
    <EmptyState py="xl" title={t(`customers.empty${kind}Title`)} description={t(`customers.empty${kind}Text`)}>
      {(filtered || mine) && (
        <Group mt="md" gap="sm" justify="center">
          {filtered && (
            <Button variant="light" onClick={onClearAll}>
              {t('customers.clearAll')}
            </Button>
          )}
          {mine && (
            <Button variant={filtered ? 'default' : 'light'} onClick={onShowAll}>
              {t('customers.showAll')}
            </Button>
          )}
        </Group>
      )}
    </EmptyState>
  );
}
