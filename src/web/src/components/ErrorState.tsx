import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorText } from './useErrorText.js';

/** Props of ErrorState. */
export interface ErrorStateProps {
  error: Error;
  onRetry?: () => void;
}

/** What went wrong, in the API's own words, with a way to try again. */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const { t } = useTranslation();
  const { title, message } = useErrorText(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert" maw={640} w="100%">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
