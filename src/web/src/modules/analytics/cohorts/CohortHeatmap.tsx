import { Table, Text, Tooltip, useMantineTheme } from '@mantine/core';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import type { CohortAnalysis } from '../analytics.types.js';
import { buyersIn, cellShade, isIncomplete, retentionScaleMax } from './cohort-figures.js';

// A heatmap as a table: every figure stays readable, selectable and announced by screen readers,
// and the colour carries the pattern at a glance. A year of months fits the page; a longer range
// scrolls sideways with the cohort and its size kept in view.

/** Width of the cohort column and of the size column, px: both stay put while the months scroll. */
const labelWidth = 150;
const sizeWidth = 84;
/** Space between cells, px; the columns that stay put keep it at their left. */
const spacing = 3;
/** Narrowest month column, px: "100 %" in small type. */
const cellWidth = 50;
/** Months since (columns) that fit the page beside the navigation at 1,280 px: a year and its first month. */
const fittingColumns = 13;

/** The retention heatmap: a row per first-purchase month with its size, a column per month since, cells coloured by the share retained; the month still running is hatched and kept out of the scale. */
export function CohortHeatmap({ analysis }: { analysis: CohortAnalysis }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const theme = useMantineTheme();
  const { cohorts, incompleteMonth } = analysis;
  const columns = Math.max(0, ...cohorts.map((c) => c.retention.length));
  const max = retentionScaleMax(cohorts, incompleteMonth);
  // The shadows cover the spacing on either side, so months scrolled beneath do not show through.
  const sticky = (left: number, width: number): CSSProperties => ({
    position: 'sticky',
    left,
    zIndex: 1,
    background: theme.white,
    boxShadow: `-${spacing}px 0 0 ${theme.white}, ${spacing}px 0 0 ${theme.white}`,
    minWidth: width,
    maxWidth: width,
  });
  const hatched = `repeating-linear-gradient(135deg, ${theme.colors.gray[0]} 0 5px, ${theme.colors.gray[3]} 5px 7px)`;
  const scrolls = columns > fittingColumns;
  return (
    <>
      {scrolls && (
        <Text size="xs" c="dimmed">
          {t('analytics.cohorts.scroll', { months: columns - 1 })}
        </Text>
      )}
      <Table.ScrollContainer minWidth={labelWidth + sizeWidth + columns * (cellWidth + spacing)} type="native">
        {/* As wide as its cells for a short history, the page's width for a long one. */}
        <Table
          w={columns > 6 ? '100%' : 'auto'}
          verticalSpacing={6}
          horizontalSpacing={6}
          aria-label={t('analytics.cohorts.table')}
          style={{ borderCollapse: 'separate', borderSpacing: spacing }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2} style={{ verticalAlign: 'bottom', ...sticky(spacing, labelWidth) }}>
                {t('analytics.cohorts.cohort')}
              </Table.Th>
              <Table.Th rowSpan={2} ta="right" style={{ verticalAlign: 'bottom', ...sticky(2 * spacing + labelWidth, sizeWidth) }}>
                {t('analytics.cohorts.customers')}
              </Table.Th>
              <Table.Th colSpan={columns} ta={scrolls ? 'left' : 'center'} fz="xs" c="dimmed" fw={600}>
                {t('analytics.cohorts.monthsSince')}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              {Array.from({ length: columns }, (_, k) => (
                <Table.Th key={k} ta="center" miw={cellWidth}>
                  {k}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cohorts.map((cohort) => (
              <Table.Tr key={cohort.month}>
                <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap', ...sticky(spacing, labelWidth) }}>
                  {f.month(cohort.month)}
                </Table.Th>
                <Table.Td ta="right" c={cohort.customers === 0 ? 'dimmed' : undefined} style={sticky(2 * spacing + labelWidth, sizeWidth)}>
                  {f.number(cohort.customers)}
                </Table.Td>
                {Array.from({ length: columns }, (_, k) => {
                  const share = cohort.retention[k];
                  // Months after the last one asked (or not begun) are not known; an empty cohort has nothing to retain.
                  if (share === undefined || cohort.customers === 0) return <Table.Td key={k} />;
                  const running = isIncomplete(cohort, k, incompleteMonth);
                  // Month 0 is the whole cohort by definition: grey, so the colour scale is spent on the months after.
                  const shade = k === 0 || running ? -1 : cellShade(share, max);
                  const figures = { cohort: f.month(cohort.month), month: k, buyers: f.number(buyersIn(cohort, k)), customers: f.number(cohort.customers), share: f.percent(share) };
                  const label = running ? t('analytics.cohorts.incompleteCell', { ...figures, day: f.day(analysis.lastDay) }) : t('analytics.cohorts.cell', figures);
                  return (
                    <Tooltip key={k} label={label} withArrow openDelay={100} multiline maw={320}>
                      <Table.Td
                        ta="center"
                        fz="sm"
                        bg={running ? undefined : shade < 0 ? theme.colors.gray[2] : theme.colors.blue[shade]}
                        c={running ? theme.colors.gray[7] : shade >= 6 ? theme.white : undefined}
                        fw={share > 0 ? 600 : undefined}
                        fs={running ? 'italic' : undefined}
                        aria-label={label}
                        data-incomplete={running || undefined}
                        style={{ whiteSpace: 'nowrap', borderRadius: 4, cursor: 'default', ...(running ? { background: hatched } : {}) }}
                      >
                        {f.percent(share, 0)}
                      </Table.Td>
                    </Tooltip>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {max > 0 && (
        <Text size="xs" c="dimmed">
          {t('analytics.cohorts.legend', { max: f.percent(max) })}
        </Text>
      )}
      {incompleteMonth !== null && (
        <Text size="xs" c="dimmed">
          {t('analytics.cohorts.incomplete', { month: f.month(incompleteMonth), day: f.day(analysis.lastDay) })}
        </Text>
      )}
    </>
  );
}
