import { Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import type { ClvCustomers, ClvModel } from '../analytics.types.js';

/** Props of ClvSummary; a figure whose answer has not come yet shows as a placeholder. */
export interface ClvSummaryProps {
  predictions: ClvCustomers | undefined;
  model: ClvModel | undefined;
}

/** The headline figures of the prediction: total and median predicted value, and how many customers the models learned from. */
export function ClvSummary({ predictions, model }: ClvSummaryProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  // Without a second purchase day anywhere there is no spend model, and so no value to add up.
  const valued = predictions && [...predictions.top, ...predictions.topShortHistory][0]?.predictedClv !== null;
  const figures = [
    { label: t('analytics.clv.summary.total', { months: predictions?.months ?? '' }), value: predictions && (valued ? f.money(predictions.totalPredictedClv) : '—') },
    { label: t('analytics.clv.summary.median'), value: predictions && (valued ? f.money(predictions.deciles[4] ?? 0) : '—') },
    { label: t('analytics.clv.summary.customers'), value: model && f.number(model.customers) },
    { label: t('analytics.clv.summary.repeat'), value: model && f.number(model.repeatCustomers) },
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" role="list" aria-label={t('analytics.clv.title')}>
      {figures.map((figure) => (
        <Paper key={figure.label} withBorder radius="md" p="md" role="listitem" aria-label={figure.label}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.3}>
            {figure.label}
          </Text>
          {figure.value === undefined ? (
            <Skeleton height={26} mt={8} width="60%" />
          ) : (
            <Text fz={26} fw={650} lh={1.25} mt={6} style={{ whiteSpace: 'nowrap' }}>
              {figure.value}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
