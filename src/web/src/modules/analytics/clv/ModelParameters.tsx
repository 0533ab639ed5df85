import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toMinorUnits } from '../../../format/format.js';
import { useFormatter } from '../../../format/useFormatter.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import type { ClvModel } from '../analytics.types.js';
import { meanDropout, meanPurchaseRate, meanSpend } from './model-figures.js';

/** The fitted parameters of both models, each with what it means for the shop in one line. */
export function ModelParameters({ model }: { model: ClvModel }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { currency } = useWorkspace();
  // Fitted values span many orders of magnitude (γ may come out at 0,0001, a at a billion): significant digits suit them all.
  const param = (value: number | null) => (value === null ? '—' : f.significant(value));
  const spend = meanSpend(model);
  const rows: { symbol: string; value: string; meaning: string }[] = [
    { symbol: 'r', value: param(model.r), meaning: t('analytics.clv.model.r') },
    { symbol: 'α', value: param(model.alpha), meaning: t('analytics.clv.model.alpha', { rate: f.significant(meanPurchaseRate(model), 3) }) },
    { symbol: 'a', value: param(model.a), meaning: t('analytics.clv.model.a') },
    { symbol: 'b', value: param(model.b), meaning: t('analytics.clv.model.b', { share: f.percent(meanDropout(model)) }) },
    { symbol: 'p', value: param(model.p), meaning: t('analytics.clv.model.p') },
    { symbol: 'q', value: param(model.q), meaning: t('analytics.clv.model.q') },
    {
      symbol: 'γ',
      value: param(model.gamma),
      meaning:
        spend === null
          ? t('analytics.clv.model.gammaNoMean', { currency })
          : t('analytics.clv.model.gamma', { currency, spend: f.money(toMinorUnits(spend, currency)) }),
    },
    { symbol: 'ln L (BG/NBD)', value: param(model.logLikelihood.bgNbd), meaning: t('analytics.clv.model.llBgNbd') },
    {
      symbol: 'ln L (Gamma-Gamma)',
      value: param(model.logLikelihood.gammaGamma),
      meaning: t('analytics.clv.model.llGammaGamma'),
    },
  ];
  return (
    <>
      <Table verticalSpacing={6} horizontalSpacing="sm" aria-label={t('analytics.clv.model.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('analytics.clv.model.parameter')}</Table.Th>
            <Table.Th ta="right">{t('analytics.clv.model.value')}</Table.Th>
            <Table.Th>{t('analytics.clv.model.meaning')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.symbol}>
              <Table.Th scope="row" fw={600} style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                {row.symbol}
              </Table.Th>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap', verticalAlign: 'top', fontVariantNumeric: 'tabular-nums' }}>
                {row.value}
              </Table.Td>
              <Table.Td fz="xs" c="dimmed" lh={1.4}>
                {row.meaning}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {model.p === null && (
        <Text size="sm" c="orange.8">
          {t('analytics.clv.model.noSpendModel')}
        </Text>
      )}
    </>
  );
}
