import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState } from '../../components/ErrorState.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useDeleteSegment } from './segments.api.js';

/** Deletes a segment after asking, then returns to the list. */
export function DeleteSegmentButton({ segmentId, name }: { segmentId: string; name: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const remove = useDeleteSegment(segmentId);
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" color="red" onClick={open}>{t('segments.page.delete')}</Button>
      <Modal opened={opened} onClose={close} title={t('segments.page.deleteTitle', { name })}>
        <Stack>
          <Text size="sm">{t('segments.page.deleteText')}</Text>
          {remove.isError && <ErrorState error={remove.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(undefined, {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('segments.page.deleted') });
                void navigate(`/w/${workspace.id}/segments`);
              },
            })}>{t('segments.page.delete')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
