import { List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** How to read the R×F heatmap: where recent and frequent buyers are, and which segment each zone is. */
export function RfmGuide() {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('analytics.rfm.guide.title')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('analytics.rfm.guide.text')}
      </Text>
      <List size="sm" spacing={4}>
        <List.Item>{t('analytics.rfm.guide.top')}</List.Item>
        <List.Item>{t('analytics.rfm.guide.middle')}</List.Item>
        <List.Item>{t('analytics.rfm.guide.bottom')}</List.Item>
      </List>
    </Stack>
  );
}
