import { Group, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { oneOf, type Operands, type ProductBy, type PurchaseMeasure } from './operands.js';
import { ValuesInput } from './ValuesInput.js';
import { WindowInput } from './WindowInput.js';

const byValues: readonly Exclude<ProductBy, ''>[] = ['productId', 'sku', 'category', 'name'];
const measures: readonly PurchaseMeasure[] = ['orders', 'units', 'amount'];

/** A purchase condition's operands: which products, how much (orders, units or amount) and when. */
export function PurchaseOperands({ operands: o, onChange, currency }: { operands: Operands; onChange: (patch: Partial<Operands>) => void; currency: string }) {
  const { t } = useTranslation();
  const byData = [{ value: 'any', label: t('segments.operands.anyProduct') }, ...byValues.map((b) => ({ value: b, label: t(`segments.operands.by.${b}`) }))];
  return (
    <Group gap={6} wrap="wrap">
      <TextInput size="sm" w={90} inputMode="decimal" aria-label={t('segments.operands.value')} value={o.value} onChange={(e) => onChange({ value: e.currentTarget.value })}
        rightSection={o.measure === 'amount' ? <Text size="xs" c="dimmed">{currency}</Text> : null} />
      <Select size="sm" w={130} aria-label={t('segments.operands.measure.orders')} data={measures.map((m) => ({ value: m, label: t(`segments.operands.measure.${m}`) }))} value={o.measure}
        allowDeselect={false} onChange={(m) => m && oneOf(measures, m) && onChange({ measure: m })} comboboxProps={{ withinPortal: false }} />
      <Select size="sm" w={150} aria-label={t('segments.operands.productValues')} data={byData} value={o.by || 'any'} allowDeselect={false}
        onChange={(b) => b && onChange({ by: oneOf(byValues, b) ? b : '' })} comboboxProps={{ withinPortal: false }} />
      {o.by !== '' && <ValuesInput values={o.products} onChange={(products) => onChange({ products })} label={t('segments.operands.productValues')} />}
      <WindowInput value={o.window} onChange={(window) => onChange({ window })} />
    </Group>
  );
}
