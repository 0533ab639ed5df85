import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../format/useFormatter.js';
import type { AbcXyzAnalysis } from './analytics.types.js';

/** Props of GoldenTotals. */
export interface GoldenTotalsProps {
  golden: AbcXyzAnalysis['golden'];
  /** The address of the golden customers, when the figures are the stored scores'. */
  customersLink?: string;
}

/** The golden customers (AX and AY) together: how many, their revenue and its share of the whole, and the way to them when linked. */
export function GoldenTotals({ golden, customersLink }: GoldenTotalsProps) {
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
        {customersLink && golden.customers > 0 && (
          <Anchor component={Link} to={customersLink} size="sm" fw={600}>
            {t('analytics.scores.abc.golden')} →
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
