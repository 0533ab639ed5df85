import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import type { SegmentMember } from './segments.types.js';

/** Customers of a segment or a preview: name (opening the profile), phone, city, orders and revenue; `compact` (a narrow column) leaves the phone out. */
export function MembersTable({ rows, label, compact = false }: { rows: SegmentMember[]; label: string; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { id: workspaceId } = useWorkspace();
  return (
    // Compact (beside the builder, about 340 px): tighter cells, and a scroll rather than a clipped column.
    <Table.ScrollContainer minWidth={compact ? 300 : 560}>
      <Table striped highlightOnHover aria-label={label} verticalSpacing={6} horizontalSpacing={compact ? 6 : 'sm'} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('segments.members.name')}</Table.Th>
            {!compact && <Table.Th>{t('segments.members.phone')}</Table.Th>}
            <Table.Th>{t('segments.members.city')}</Table.Th>
            <Table.Th ta="right">{t('segments.members.orders')}</Table.Th>
            <Table.Th ta="right">{t('segments.members.revenue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor component={Link} to={`/w/${workspaceId}/customers/${m.id}`} size="sm">
                  {m.name ?? t('segments.members.noName', { id: m.id })}
                </Anchor>
              </Table.Td>
              {!compact && <Table.Td><Text size="sm">{m.phone ?? '—'}</Text></Table.Td>}
              <Table.Td><Text size="sm">{m.city ?? '—'}</Text></Table.Td>
              <Table.Td ta="right"><Text size="sm">{f.number(m.ordersCount)}</Text></Table.Td>
              <Table.Td ta="right"><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{f.money(m.revenue)}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
