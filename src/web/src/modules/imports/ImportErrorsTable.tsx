import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.js';
import { ListSkeleton } from '../../components/ListSkeleton.js';
import { useReasonWording } from '../../components/useReasonWording.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useImportErrors } from './imports.api.js';

const shown = 100;

/** The first rows of an ended import that were not imported: line of the file, column and reason. */
export function ImportErrorsTable({ importId }: { importId: string }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const wordReason = useReasonWording();
  const errors = useImportErrors(importId, shown);
  return (
    <Paper withBorder radius="md" p={0} component="section" aria-label={t('imports.errors.title')} style={{ overflow: 'hidden' }}>
      <Title order={2} size="h4" p="md" pb="sm">
        {t('imports.errors.title')}
      </Title>
      {errors.isPending ? (
        <ListSkeleton rows={4} height={24} flushTop />
      ) : errors.isError ? (
        <Stack p="md" pt={0}>
          <ErrorState error={errors.error} onRetry={() => void errors.refetch()} />
        </Stack>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720} type="native">
            <Table striped verticalSpacing="xs" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90} ta="right">
                    {t('imports.errors.row')}
                  </Table.Th>
                  <Table.Th w={180}>{t('imports.errors.column')}</Table.Th>
                  <Table.Th>{t('imports.errors.reason')}</Table.Th>
                  <Table.Th>{t('imports.errors.raw')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {errors.data.items.map((e, i) => (
                  <Table.Tr key={`${e.rowNumber}-${i}`}>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {f.number(e.rowNumber)}
                    </Table.Td>
                    <Table.Td>{e.column ?? <Text span size="sm" c="dimmed">{t('imports.errors.wholeRow')}</Text>}</Table.Td>
                    <Table.Td>{wordReason({ field: e.column ?? '', reason: e.reason, code: e.code ?? undefined, params: e.params ?? undefined })}</Table.Td>
                    <Table.Td maw={320} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      <Text span size="xs" ff="monospace" c="dimmed" title={e.raw ?? undefined}>
                        {e.raw ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {errors.data.nextCursor !== null && (
            <Text size="sm" c="dimmed" p="md">
              {t('imports.errors.more', { shown: f.number(errors.data.items.length) })}
            </Text>
          )}
        </>
      )}
    </Paper>
  );
}
