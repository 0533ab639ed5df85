import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { abcXyzRule } from '../segments/save-as.js';
import { SaveAsSegmentButton } from '../segments/SaveAsSegmentButton.js';
import { useFormatter } from '../../format/useFormatter.js';
import type { AbcXyzCell } from './analytics.types.js';

const abcClasses = ['A', 'B', 'C'] as const;
const xyzClasses = ['X', 'Y', 'Z'] as const;

/** Props of AbcXyzMatrix. */
export interface AbcXyzMatrixProps {
  cells: AbcXyzCell[];
  /** The address of a cell's customers ("AX"), when the figures are the stored scores' and may lead there. */
  cellLink?: (cell: string) => string;
}

/** The 3×3 ABC/XYZ matrix: customers and their revenue per cell (each opening its customers when linked), the golden cells (AX, AY) highlighted. */
export function AbcXyzMatrix({ cells, cellLink }: AbcXyzMatrixProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const cellOf = (abc: string, xyz: string) => cells.find((c) => c.abc === abc && c.xyz === xyz);
  return (
    <Table.ScrollContainer minWidth={420} type="native">
      <Table withTableBorder withColumnBorders verticalSpacing="sm" horizontalSpacing="sm" aria-label={t('analytics.abc.matrix')} style={{ tableLayout: 'fixed' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="28%">
              <Text size="xs" c="dimmed" fw={600}>
                {t('analytics.abc.corner')}
              </Text>
            </Table.Th>
            {xyzClasses.map((xyz) => (
              <Table.Th key={xyz} ta="center" fz="xs" style={{ verticalAlign: 'bottom' }}>
                {t(`analytics.abc.columns.${xyz}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {abcClasses.map((abc) => (
            <Table.Tr key={abc}>
              <Table.Th scope="row" fz="xs">
                {t(`analytics.abc.rows.${abc}`)}
              </Table.Th>
              {xyzClasses.map((xyz) => {
                const cell = cellOf(abc, xyz);
                const golden = cell?.golden ?? false;
                const customers = cell?.customers ?? 0;
                return (
                  <Table.Td
                    key={xyz}
                    ta="center"
                    bg={golden ? 'yellow.1' : undefined}
                    title={golden ? t('analytics.abc.goldenCell') : undefined}
                    data-golden={golden || undefined}
                  >
                    <Text fw={650} size="lg" lh={1.2} c={customers === 0 ? 'dimmed' : undefined}>
                      {golden && (
                        <Text span c="yellow.8" mr={4} aria-hidden>
                          ★
                        </Text>
                      )}
                      {cellLink && customers > 0 ? (
                        <Anchor component={Link} to={cellLink(abc + xyz)} inherit aria-label={t('analytics.scores.customersOf', { name: abc + xyz })}>
                          {f.number(customers)}
                        </Anchor>
                      ) : (
                        f.number(customers)
                      )}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {customers === 0 ? '—' : f.money(cell?.revenue ?? 0)}
                    </Text>
                    {/* Cells that lead to customers are the stored scores', which a segment can read. */}
                    {cellLink && customers > 0 && (
                      <SaveAsSegmentButton compact prefill={{ name: t('segments.saveAs.cellName', { cell: abc + xyz }), rule: abcXyzRule([abc + xyz]) }}
                        label={`${t('segments.saveAs.button')}: ${abc + xyz}`} />
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
