import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../format/useFormatter.js';
import type { RfmSegment, RfmSegmentRow } from './analytics.types.js';
import { SaveAsSegmentButton } from '../segments/SaveAsSegmentButton.js';
import { rfmRule } from '../segments/save-as.js';
import { highestClvSegment } from './segment-figures.js';

const figureColumns = ['customers', 'customerShare', 'revenue', 'revenueShare', 'avgCheck', 'clv'] as const;

/** Props of SegmentTable. */
export interface SegmentTableProps {
  segments: RfmSegmentRow[];
  /** The address of a segment's customers, when the table's figures are the stored scores' and may lead there. */
  customersLink?: (segment: RfmSegment) => string;
  footnote?: string;
}

/** The RFM segments with what to do about each, their customers, revenue, average check and historic CLV; the segment of the highest CLV stands out. */
export function SegmentTable({ segments, customersLink, footnote }: SegmentTableProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const numeric = { ta: 'right', style: { whiteSpace: 'nowrap' } } as const;
  const highest = highestClvSegment(segments)?.segment;
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
              const best = s.segment === highest;
              const name = t(`analytics.segments.${s.segment}.name`);
              return (
                <Table.Tr key={s.segment} c={none ? 'dimmed' : undefined} bg={best ? 'green.0' : undefined} data-highest-clv={best || undefined}>
                  <Table.Td>
                    <Group gap={8} wrap="nowrap">
                      {customersLink && !none ? (
                        <Anchor component={Link} to={customersLink(s.segment)} size="sm" fw={600}>
                          {name}
                        </Anchor>
                      ) : (
                        <Text size="sm" fw={600}>
                          {name}
                        </Text>
                      )}
                      {best && (
                        <Badge size="xs" variant="light" color="green">
                          {t('analytics.scores.rfm.highestClvBadge')}
                        </Badge>
                      )}
                      {/* The stored scores' groups are what a segment can read. */}
                      {customersLink && !none && (
                        <SaveAsSegmentButton compact prefill={{ name: t('segments.saveAs.rfmName', { segment: name }), rule: rfmRule(s.segment) }}
                          label={`${t('segments.saveAs.button')}: ${name}`} />
                      )}
                    </Group>
                    <Text size="xs" c="dimmed" lh={1.35}>
                      {t(`analytics.segments.${s.segment}.hint`)}
                    </Text>
                  </Table.Td>
                  <Table.Td {...numeric}>
                    {customersLink && !none ? (
                      <Anchor component={Link} to={customersLink(s.segment)} size="sm" aria-label={t('analytics.scores.customersOf', { name })}>
                        {f.number(s.customers)}
                      </Anchor>
                    ) : (
                      f.number(s.customers)
                    )}
                  </Table.Td>
                  <Table.Td {...numeric}>{f.percent(s.customerShare)}</Table.Td>
                  <Table.Td {...numeric}>{f.money(s.revenue)}</Table.Td>
                  <Table.Td {...numeric}>{f.percent(s.revenueShare)}</Table.Td>
                  <Table.Td {...numeric}>{none ? '—' : f.money(s.avgCheck)}</Table.Td>
                  <Table.Td {...numeric} fw={best ? 650 : undefined}>
                    {none ? '—' : f.money(s.clv)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs">
        {footnote ?? t('analytics.rfm.footnote')}
      </Text>
    </div>
  );
}
