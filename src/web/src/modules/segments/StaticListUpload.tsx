import { Button, FileButton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useUploadStaticList } from './segments.api.js';

/** Adds to a static segment the customers a file names: a column of phones, e-mails, cards or ids, as Excel or 1C saves it. */
export function StaticListUpload({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const upload = useUploadStaticList(segmentId);
  const result = upload.data;
  return (
    <Stack gap={4}>
      <FileButton accept=".csv,.txt,text/csv,text/plain" onChange={(file) => file && upload.mutate(file)}>
        {(props) => <Button {...props} variant="default" w="fit-content" loading={upload.isPending}>{t('segments.page.upload')}</Button>}
      </FileButton>
      <Text size="xs" c="dimmed">{t('segments.page.uploadHint')}</Text>
      {result && (
        <Text size="sm" data-testid="upload-result">
          {t('segments.page.uploaded', { lines: f.number(result.lines), added: f.number(result.added), notFound: f.number(result.notFound) })}
        </Text>
      )}
      {result?.notFoundLines.slice(0, 5).map((l) => (
        <Text key={l.line} size="xs" c="orange.8">{t('segments.page.notFoundLine', { line: l.line, value: l.value })}</Text>
      ))}
      {upload.isError && <ErrorState error={upload.error} />}
    </Stack>
  );
}
