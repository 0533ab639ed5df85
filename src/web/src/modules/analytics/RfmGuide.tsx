import { List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { frequencyBinLabels } from './frequency-bins.js';

/** Props of RfmGuide: the rules the segments were decided with. */
export interface RfmGuideProps {
  /** The churn window, days. */
  churnDays: number;
  /** Purchase days that make a customer loyal. */
  loyalPurchases: number;
  /** The purchase days F 2–5 start at (null: F by quintiles or the workspace's thresholds). */
  frequencyCuts: readonly number[] | null;
}

/** How to read the R×F heatmap: what F counts, and which segment each customer falls in, first by the churn window. */
export function RfmGuide({ churnDays, loyalPurchases, frequencyCuts }: RfmGuideProps) {
  const { t } = useTranslation();
  const bins = frequencyBinLabels(frequencyCuts)
    .map((bin, i) => `F\u00a0${i + 1}\u00a0— ${bin}`)
    .join(', ');
  const rules = { days: churnDays, loyal: loyalPurchases };
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('analytics.rfm.guide.title')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('analytics.rfm.guide.text')} {frequencyCuts ? t('analytics.rfm.guide.bins', { bins }) : t('analytics.rfm.guide.binsQuintiles')}
      </Text>
      <List size="sm" spacing={4}>
        <List.Item>{t('analytics.rfm.guide.lapsed', rules)}</List.Item>
        <List.Item>{t('analytics.rfm.guide.active', rules)}</List.Item>
        <List.Item>{t('analytics.rfm.guide.attention', rules)}</List.Item>
      </List>
    </Stack>
  );
}
