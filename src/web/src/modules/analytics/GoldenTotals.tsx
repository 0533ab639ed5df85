import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../format/useFormatter.js';
import type { AbcXyzAnalysis } from './analytics.types.js';

/** The golden customers (AX and AY) together: how many, their revenue and its share of the period's. */
export function GoldenTotals({ golden }: { golden: AbcXyzAnalysis['golden'] }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const title = t('analytics.abc.golden.title');
  const figures = [
    { label: t('analytics.abc.golden.customers'), value: f.number(golden.customers) },
    { label: t('analytics.abc.golden.revenue'), value: f.money(golden.revenue) },
    { label: t('analytics.abc.golden.revenueShare'), value: f.percent(golden.revenueShare) },
  ];
  return (
    <Paper radius="md" p="md" bg="yellow.0" withBorder style={{ borderColor: 'var(--mantine-color-yellow-3)' }} role="group" aria-label={title}>
      <Stack gap="sm">
        <div>
          <Text fw={650} size="sm">
            <Text span c="yellow.8" mr={6} aria-hidden>
              ★
            </Text>
            {title}
          </Text>
          <Text size="xs" c="dimmed" mt={2}>
            {t('analytics.abc.golden.text')}
          </Text>
        </div>
        <Group gap="xl">
          {figures.map((figure) => (
            <div key={figure.label}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {figure.label}
              </Text>
              <Text size="lg" fw={650} style={{ whiteSpace: 'nowrap' }}>
                {figure.value}
              </Text>
            </div>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}
