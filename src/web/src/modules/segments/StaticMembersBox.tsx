import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.js';
import { useAddStaticMembers } from './segments.api.js';
import { StaticListUpload } from './StaticListUpload.js';

/** Adds customers to a static segment by their ids, typed or pasted, or from a file of contacts. */
export function StaticMembersBox({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation();
  const add = useAddStaticMembers(segmentId);
  const [text, setText] = useState('');
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const bad = parts.filter((p) => !/^[1-9]\d*$/.test(p));
  const ids = [...new Set(parts.filter((p) => /^[1-9]\d*$/.test(p)).map(Number))];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('segments.page.addTitle')}>
      <Stack gap="xs">
        <Title order={2} size="h4">{t('segments.page.addTitle')}</Title>
        <Textarea label={t('segments.page.addLabel')} description={t('segments.page.addHint')} value={text} autosize minRows={2} maxRows={6}
          error={bad.length ? t('segments.page.addInvalid', { bad: bad.slice(0, 5).join(', ') }) : null} onChange={(e) => setText(e.currentTarget.value)} />
        <Group>
          <Button disabled={ids.length === 0 || bad.length > 0} loading={add.isPending} onClick={() => add.mutate(ids, { onSuccess: () => setText('') })}>{t('segments.page.add')}</Button>
          {add.isSuccess && <Text size="sm" c="teal.8">{t('segments.page.added', { n: add.data.changed })}</Text>}
        </Group>
        {add.isError && <ErrorState error={add.error} />}
        <StaticListUpload segmentId={segmentId} />
      </Stack>
    </Paper>
  );
}
