import { Anchor, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { personName } from '../../../format/format.js';
import { useFormatter } from '../../../format/useFormatter.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import type { CustomerClvScore } from '../analytics.types.js';

/** A customer's row, named by the API: the expected purchases come with a fit on request, not with the stored summary. */
export type ClvRow = Pick<CustomerClvScore, 'customerId' | 'firstName' | 'lastName' | 'predictedClv' | 'pAlive' | 'historicRevenue'> & {
  expected90?: number;
  observedDays?: number | null;
  purchaseDays?: number | null;
};

/** Props of ClvCustomerTable. */
export interface ClvCustomerTableProps {
  rows: ClvRow[];
  /** What the table lists, for screen readers. */
  label: string;
  /** Show how long each customer's history is (for forecasts from short ones). */
  history?: boolean;
}

const numeric = { ta: 'right', style: { whiteSpace: 'nowrap' } } as const;
const numericHead = { ta: 'right', style: { whiteSpace: 'nowrap', verticalAlign: 'bottom' } } as const;

/** Customers with their predicted value, chance of still being a customer, expected purchases (when known) and revenue so far; each opens the profile. */
export function ClvCustomerTable({ rows, label, history = false }: ClvCustomerTableProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const expected = rows.every((row) => row.expected90 !== undefined);
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table striped highlightOnHover verticalSpacing="xs" horizontalSpacing="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ verticalAlign: 'bottom' }}>{t('analytics.clv.columns.customer')}</Table.Th>
            {history && <Table.Th {...numericHead}>{t('analytics.clv.columns.history')}</Table.Th>}
            <Table.Th {...numericHead}>{t('analytics.clv.columns.predictedClv')}</Table.Th>
            <Table.Th {...numericHead}>
              <Tooltip label={t('analytics.clv.pAliveHint')} multiline w={260} withArrow>
                <Text span inherit tabIndex={0} style={{ cursor: 'help', textDecoration: 'underline dotted' }}>
                  {t('analytics.clv.columns.pAlive')}
                </Text>
              </Tooltip>
            </Table.Th>
            {expected && <Table.Th {...numericHead}>{t('analytics.clv.columns.expected90')}</Table.Th>}
            <Table.Th {...numericHead}>{t('analytics.clv.columns.historicRevenue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            return (
              <Table.Tr key={row.customerId}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/w/${workspace.id}/customers/${row.customerId}`} fw={500}>
                    {personName(row) ?? t('customers.unnamed', { id: row.customerId })}
                  </Anchor>
                </Table.Td>
                {history && (
                  <Table.Td {...numeric}>
                    {row.observedDays == null || row.purchaseDays == null
                      ? '—'
                      : t('analytics.clv.historyCell', { days: f.number(row.purchaseDays), observed: f.number(row.observedDays) })}
                  </Table.Td>
                )}
                <Table.Td {...numeric}>{row.predictedClv === null ? '—' : f.money(row.predictedClv)}</Table.Td>
                <Table.Td {...numeric}>{f.percent(row.pAlive)}</Table.Td>
                {expected && <Table.Td {...numeric}>{f.decimal(row.expected90 ?? 0, 2)}</Table.Td>}
                <Table.Td {...numeric}>{f.money(row.historicRevenue)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
