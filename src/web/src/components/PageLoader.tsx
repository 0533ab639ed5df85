import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A centred spinner while a page's data loads. */
export function PageLoader({ minHeight = '100vh' }: { minHeight?: string | number }) {
  const { t } = useTranslation();
  return (
    <Center mih={minHeight} role="status" aria-label={t('common.loading')}>
      <Loader />
    </Center>
  );
}
