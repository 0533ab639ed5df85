import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../api/types.js';
import { useFormatter } from '../../format/useFormatter.js';

/** A customer's key numbers: orders, revenue, average check, first and last order, days since the last. */
export function KeyNumbers({ stats }: { stats: CustomerProfile['stats'] }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const bought = stats.ordersCount > 0;
  const items = [
    { label: t('profile.stats.orders'), value: f.number(stats.ordersCount) },
    { label: t('profile.stats.revenue'), value: f.money(stats.revenue) },
    { label: t('profile.stats.avgCheck'), value: bought ? f.money(stats.avgCheck) : null },
    { label: t('profile.stats.firstOrder'), value: stats.firstOrderAt === null ? null : f.shortDate(stats.firstOrderAt) },
    { label: t('profile.stats.lastOrder'), value: stats.lastOrderAt === null ? null : f.shortDate(stats.lastOrderAt) },
    { label: t('profile.stats.daysSince'), value: stats.lastOrderAt === null ? null : f.number(f.daysSince(stats.lastOrderAt)) },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" role="list" aria-label={t('profile.stats.title')}>
      {items.map((item) => (
        <Paper key={item.label} withBorder p="sm" radius="md" role="listitem">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.3}>
            {item.label}
          </Text>
          <Text size="xl" fw={650} mt={4} style={{ whiteSpace: 'nowrap' }} c={item.value === null ? 'dimmed' : undefined}>
            {item.value ?? '—'}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
