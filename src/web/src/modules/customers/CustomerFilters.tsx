import { Badge, Button, Group, NumberInput, Popover, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.js';
import { activeFilterCount, type ListFilters, noFilters } from './list-state.js';
import { ScoreFilterFields } from './ScoreFilterFields.js';

/** Props of CustomerFilters. */
export interface CustomerFiltersProps {
  value: ListFilters;
  onChange: (filters: ListFilters) => void;
  /** ISO code of the workspace currency the revenue and CLV bounds are typed in. */
  currency: string;
}

/** Narrows the customer list by orders, revenue, city and last purchase, and by the stored scores; applied on the server. */
export function CustomerFilters({ value, onChange, currency }: CustomerFiltersProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [draft, setDraft] = useState(value);
  const count = activeFilterCount(value);
  const set = (patch: Partial<ListFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
    setOpened(false);
  };
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      shadow="md"
      width="min(700px, calc(100vw - 32px))"
      trapFocus
      withinPortal
      onOpen={() => setDraft(value)}
    >
      <Popover.Target>
        <Button
          variant={count ? 'light' : 'default'}
          onClick={() => setOpened((o) => !o)}
          rightSection={count ? <Badge size="sm" circle>{count}</Badge> : null}
        >
          {t('customers.filters.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={apply} aria-label={t('customers.filters.button')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md">
              <Stack gap="sm">
                <Text fw={600} size="sm">
                  {t('customers.filters.ordersSection')}
                </Text>
                <Group grow gap="xs" align="flex-start">
                  <NumberInput label={t('customers.filters.minOrders')} min={0} allowDecimal={false} value={draft.minOrders ?? ''} onChange={(v) => set({ minOrders: toNumber(v) })} />
                  <NumberInput label={t('customers.filters.maxOrders')} min={0} allowDecimal={false} value={draft.maxOrders ?? ''} onChange={(v) => set({ maxOrders: toNumber(v) })} />
                </Group>
                <Group grow gap="xs" align="flex-start">
                  <NumberInput
                    label={t('customers.filters.minRevenue', { currency })}
                    min={0}
                    thousandSeparator=" "
                    value={draft.minRevenue ?? ''}
                    onChange={(v) => set({ minRevenue: toNumber(v) })}
                  />
                  <NumberInput
                    label={t('customers.filters.maxRevenue', { currency })}
                    min={0}
                    thousandSeparator=" "
                    value={draft.maxRevenue ?? ''}
                    onChange={(v) => set({ maxRevenue: toNumber(v) })}
                  />
                </Group>
                <TextInput
                  label={t('customers.filters.city')}
                  description={t('customerLabels.cityHint')}
                  value={draft.city}
                  onChange={(e) => set({ city: e.currentTarget.value })}
                />
                <Text fw={600} size="sm" mt="xs">
                  {t('customerLabels.lastOrderSection')}
                </Text>
                <Group grow gap="xs" align="flex-start">
                  <DateField label={t('customerLabels.lastOrderFrom')} value={draft.lastOrderFrom} onChange={(day) => set({ lastOrderFrom: day })} />
                  <DateField label={t('customerLabels.lastOrderTo')} value={draft.lastOrderTo} onChange={(day) => set({ lastOrderTo: day })} />
                </Group>
                <Group grow gap="xs" align="flex-start">
                  <NumberInput label={t('customerLabels.minDaysSince')} min={0} allowDecimal={false} allowNegative={false} value={draft.minDaysSince ?? ''} onChange={(v) => set({ minDaysSince: toNumber(v) })} />
                  <NumberInput label={t('customerLabels.maxDaysSince')} min={0} allowDecimal={false} allowNegative={false} value={draft.maxDaysSince ?? ''} onChange={(v) => set({ maxDaysSince: toNumber(v) })} />
                </Group>
              </Stack>
              <Stack gap="sm">
                <Text fw={600} size="sm">
                  {t('customers.filters.scoresSection')}
                </Text>
                <ScoreFilterFields value={draft} onChange={set} currency={currency} />
              </Stack>
            </SimpleGrid>
            <Group justify="space-between" mt="xs">
              <Button
                variant="subtle"
                color="gray"
                onClick={() => {
                  setDraft(noFilters);
                  onChange(noFilters);
                  setOpened(false);
                }}
              >
                {t('customers.filters.reset')}
              </Button>
              <Button type="submit">{t('customers.filters.apply')}</Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

// NumberInput reports an empty field as "".
function toNumber(value: number | string): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
