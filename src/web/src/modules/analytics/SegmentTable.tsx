import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../format/useFormatter.js';
import type { RfmSegmentRow } from './analytics.types.js';

const figureColumns = ['customers', 'customerShare', 'revenue', 'revenueShare', 'avgCheck', 'clv'] as const;

/** The RFM segments with what to do about each, their customers, revenue, average check and historic CLV. */
export function SegmentTable({ segments }: { segments: RfmSegmentRow[] }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const numeric = { ta: 'right', style: { whiteSpace: 'nowrap' } } as const;
  return (
    <div>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing={6} horizontalSpacing="sm" aria-label={t('analytics.rfm.table')}>
          <Table.Thead>
            <Table.Tr>
              {/* Wide enough for each hint to stay on one line beside the figures. */}
              <Table.Th w="42%" style={{ verticalAlign: 'bottom' }}>{t('analytics.rfm.columns.segment')}</Table.Th>
              {figureColumns.map((column) => (
                <Table.Th key={column} ta="right" style={{ verticalAlign: 'bottom' }}>
                  {t(`analytics.rfm.columns.${column}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {segments.map((s) => {
              const none = s.customers === 0;
              return (
                <Table.Tr key={s.segment} c={none ? 'dimmed' : undefined}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {t(`analytics.segments.${s.segment}.name`)}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.35}>
                      {t(`analytics.segments.${s.segment}.hint`)}
                    </Text>
                  </Table.Td>
                  <Table.Td {...numeric}>{f.number(s.customers)}</Table.Td>
                  <Table.Td {...numeric}>{f.percent(s.customerShare)}</Table.Td>
                  <Table.Td {...numeric}>{f.money(s.revenue)}</Table.Td>
                  <Table.Td {...numeric}>{f.percent(s.revenueShare)}</Table.Td>
                  <Table.Td {...numeric}>{none ? '—' : f.money(s.avgCheck)}</Table.Td>
                  <Table.Td {...numeric}>{none ? '—' : f.money(s.clv)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs">
        {t('analytics.rfm.footnote')}
      </Text>
    </div>
  );
}
