import { Anchor, Table, Text, UnstyledButton } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CustomerListItem, CustomerSort } from '../../api/types.js';
import { useFormatter } from '../../format/useFormatter.js';
import { personName } from '../../format/format.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { type Column, columns } from './customer-columns.js';
import type { ColumnId } from './customer-columns.js';
import { nextSort } from './list-state.js';
import { useMemberName } from './members.api.js';

/** Props of CustomerTable. */
export interface CustomerTableProps {
  rows: CustomerListItem[];
  visible: ColumnId[];
  sort: CustomerSort;
  onSort: (sort: CustomerSort) => void;
  /** The rows are being replaced (a new page or search is loading). */
  busy: boolean;
}

/** The customers of one page; headers sort, a row opens the profile. */
export function CustomerTable({ rows, visible, sort, onSort, busy }: CustomerTableProps) {
  const { t } = useTranslation();
  const format = useFormatter();
  const navigate = useNavigate();
  const workspace = useWorkspace();
  const shown = columns.filter((c) => visible.includes(c.id));
  // Members are fetched only for the manager column; the list itself carries just their ids.
  const memberName = useMemberName(visible.includes('manager'));
  const profileUrl = (id: number) => `/w/${workspace.id}/customers/${id}`;
  return (
    <Table.ScrollContainer minWidth={shown.length * 95} type="native">
      <Table striped highlightOnHover stickyHeader verticalSpacing="xs" horizontalSpacing="sm" style={{ opacity: busy ? 0.55 : 1, transition: 'opacity 120ms' }} aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            {shown.map((c) => (
              <HeaderCell key={c.id} column={c} sort={sort} onSort={onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} onClick={() => navigate(profileUrl(row.id))} style={{ cursor: 'pointer' }}>
              {shown.map((c) => (
                <Table.Td key={c.id} ta={c.numeric ? 'right' : undefined} style={cellStyle(c)}>
                  {c.id === 'name' ? (
                    <Anchor component={Link} to={profileUrl(row.id)} fw={500} onClick={(e) => e.stopPropagation()}>
                      {personName(row) ?? t('customers.unnamed', { id: row.id })}
                    </Anchor>
                  ) : (
                    breakable(c, c.text(row, { format, t, memberName, currency: workspace.currency })) ?? <Text span c="dimmed">—</Text>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

// At 1,280 px the default columns fit beside the navigation: names and cities wrap between words,
// e-mail addresses before their "@", and nothing else wraps.
function cellStyle(column: Column): CSSProperties {
  if (column.breaksAt) return { minWidth: 120, maxWidth: 240, overflowWrap: 'anywhere' };
  return column.wraps ? { minWidth: 120 } : { whiteSpace: 'nowrap' };
}

// A cell's text with a line-break opportunity before the column's break character.
function breakable(column: Column, text: string | null): ReactNode {
  if (text === null || !column.breaksAt) return text;
  const at = text.indexOf(column.breaksAt);
  if (at <= 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <wbr />
      {text.slice(at)}
    </>
  );
}

function HeaderCell({ column, sort, onSort }: { column: Column; sort: CustomerSort; onSort: (sort: CustomerSort) => void }) {
  const { t } = useTranslation();
  const label = column.label(t);
  const field = column.sortField;
  // Headers wrap between words ("Последний / заказ"), so the columns are as wide as their values.
  if (!field) return <Table.Th style={{ verticalAlign: 'bottom' }}>{label}</Table.Th>;
  const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  const arrow = direction === 'ascending' ? ' ↑' : direction === 'descending' ? ' ↓' : '';
  return (
    <Table.Th aria-sort={direction} ta={column.numeric ? 'right' : undefined} style={{ verticalAlign: 'bottom' }}>
      <UnstyledButton
        fw={700}
        fz="sm"
        ta="inherit"
        onClick={() => onSort(nextSort(sort, field, column.descFirst ?? false))}
        title={t('customers.sortBy', { column: label })}
      >
        {label}
        <Text span c="blue" fw={700}>
          {arrow}
        </Text>
      </UnstyledButton>
    </Table.Th>
  );
}
