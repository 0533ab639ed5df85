import { Table, Text, Tooltip, useMantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import type { Cohort } from '../analytics.types.js';
import { buyersIn, cellShade, retentionScaleMax } from './cohort-figures.js';

// A heatmap as a table: every figure stays readable, selectable and announced by screen readers,
// and the colour carries the pattern at a glance.

/** The retention heatmap: a row per first-purchase month with its size, a column per month since, cells coloured by the share retained. */
export function CohortHeatmap({ cohorts }: { cohorts: Cohort[] }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const theme = useMantineTheme();
  const columns = Math.max(0, ...cohorts.map((c) => c.retention.length));
  const max = retentionScaleMax(cohorts);
  return (
    <>
      <Table.ScrollContainer minWidth={260 + columns * 64} type="native">
        {/* As wide as its cells, so a short history does not stretch the first column across the page. */}
        <Table
          w="auto"
          verticalSpacing={6}
          horizontalSpacing={8}
          aria-label={t('analytics.cohorts.table')}
          style={{ borderCollapse: 'separate', borderSpacing: 3 }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2} style={{ verticalAlign: 'bottom' }}>
                {t('analytics.cohorts.cohort')}
              </Table.Th>
              <Table.Th rowSpan={2} ta="right" style={{ verticalAlign: 'bottom' }}>
                {t('analytics.cohorts.customers')}
              </Table.Th>
              <Table.Th colSpan={columns} ta="center" fz="xs" c="dimmed" fw={600}>
                {t('analytics.cohorts.monthsSince')}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              {Array.from({ length: columns }, (_, k) => (
                <Table.Th key={k} ta="center" miw={64}>
                  {k}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cohorts.map((cohort) => (
              <Table.Tr key={cohort.month}>
                <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {f.month(cohort.month)}
                </Table.Th>
                <Table.Td ta="right" c={cohort.customers === 0 ? 'dimmed' : undefined}>
                  {f.number(cohort.customers)}
                </Table.Td>
                {Array.from({ length: columns }, (_, k) => {
                  const share = cohort.retention[k];
                  // Months after the last one asked are not known yet; an empty cohort has nothing to retain.
                  if (share === undefined || cohort.customers === 0) return <Table.Td key={k} />;
                  // Month 0 is the whole cohort by definition: grey, so the colour scale is spent on the months after.
                  const shade = k === 0 ? -1 : cellShade(share, max);
                  const label = t('analytics.cohorts.cell', {
                    cohort: f.month(cohort.month),
                    month: k,
                    buyers: f.number(buyersIn(cohort, k)),
                    customers: f.number(cohort.customers),
                    share: f.percent(share),
                  });
                  return (
                    <Tooltip key={k} label={label} withArrow openDelay={100}>
                      <Table.Td
                        ta="center"
                        bg={shade < 0 ? theme.colors.gray[2] : theme.colors.blue[shade]}
                        c={shade >= 6 ? theme.white : undefined}
                        fw={share > 0 ? 600 : undefined}
                        aria-label={label}
                        style={{ whiteSpace: 'nowrap', borderRadius: 4, cursor: 'default' }}
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
    </>
  );
}
