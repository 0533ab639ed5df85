import { Box, Group, Table, Text, useMantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import type { LifecycleAnalysis, LifecycleStage } from '../analytics.types.js';
import { stageTotals } from './lifecycle-figures.js';
import { stageColor } from './stage-colors.js';

/** Props of StageTable. */
export interface StageTableProps {
  analysis: LifecycleAnalysis;
  stages: LifecycleStage[];
}

const numeric = { ta: 'right', style: { whiteSpace: 'nowrap' } } as const;
const numericHead = { ta: 'right', style: { whiteSpace: 'nowrap', verticalAlign: 'bottom' } } as const;

/** Each stage with what it means under the rules in use, and its customers on the first and the last day of the period. */
export function StageTable({ analysis, stages }: StageTableProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const theme = useMantineTheme();
  const totals = stageTotals(analysis.flows).filter((row) => stages.includes(row.stage));
  const hintValues = { days: f.number(analysis.rules.churnDays), n: f.number(analysis.rules.loyalPurchases) };
  return (
    <Table.ScrollContainer minWidth={460} type="native">
      <Table maw={880} verticalSpacing={6} horizontalSpacing="sm" aria-label={t('analytics.lifecycle.table.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ verticalAlign: 'bottom' }}>{t('analytics.lifecycle.table.stage')}</Table.Th>
            <Table.Th {...numericHead}>{f.shortDay(analysis.from)}</Table.Th>
            <Table.Th {...numericHead}>{f.shortDay(analysis.to)}</Table.Th>
            <Table.Th {...numericHead}>{t('analytics.lifecycle.table.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {totals.map((row) => {
            const change = row.last - row.first;
            return (
              <Table.Tr key={row.stage}>
                <Table.Td>
                  <Group gap={8} wrap="nowrap" align="flex-start">
                    <Box w={10} h={10} mt={5} style={{ borderRadius: 2, flex: 'none', background: stageColor(theme, row.stage) }} aria-hidden />
                    <div>
                      <Text size="sm" fw={600}>
                        {t(`analytics.lifecycle.stages.${row.stage}.name`)}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.35}>
                        {t(`analytics.lifecycle.stages.${row.stage}.hint`, hintValues)}
                      </Text>
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td {...numeric}>{f.number(row.first)}</Table.Td>
                <Table.Td {...numeric}>{f.number(row.last)}</Table.Td>
                <Table.Td {...numeric} c={change === 0 ? 'dimmed' : undefined}>
                  {change > 0 ? `+${f.number(change)}` : change < 0 ? `−${f.number(-change)}` : '0'}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
