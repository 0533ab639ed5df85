import { Anchor, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../../format/useFormatter.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import type { CustomerClvScore } from '../analytics.types.js';
import type { CustomerName } from './useCustomerNames.js';

/** A customer's row: the expected purchases come with a fit on request, not with the stored summary. */
export type ClvRow = Pick<CustomerClvScore, 'customerId' | 'predictedClv' | 'pAlive' | 'historicRevenue'> & { expected90?: number };

/** Props of ClvCustomerTable. */
export interface ClvCustomerTableProps {
  rows: ClvRow[];
  names: Map<number, CustomerName>;
  /** What the table lists, for screen readers. */
  label: string;
}

const numeric = { ta: 'right', style: { whiteSpace: 'nowrap' } } as const;
const numericHead = { ta: 'right', style: { whiteSpace: 'nowrap', verticalAlign: 'bottom' } } as const;

/** Customers with their predicted value, chance of still being a customer, expected purchases (when known) and revenue so far; each opens the profile. */
export function ClvCustomerTable({ rows, names, label }: ClvCustomerTableProps) {
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
            const name = names.get(row.customerId);
            return (
              <Table.Tr key={row.customerId}>
                <Table.Td>
                  {name?.pending ? (
                    <Skeleton height={14} width={140} aria-label={t('common.loading')} />
                  ) : (
                    <Anchor component={Link} to={`/w/${workspace.id}/customers/${row.customerId}`} fw={500}>
                      {name?.name ?? t('customers.unnamed', { id: row.customerId })}
                    </Anchor>
                  )}
                </Table.Td>
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
