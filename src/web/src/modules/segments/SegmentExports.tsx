import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../../platform/roles.js';
import { useErrorText } from '../../components/useErrorText.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useStartExport } from './segment-exports.api.js';
import type { ExportFormat } from './segments.types.js';

const formats: readonly ExportFormat[] = ['csv', 'yandex', 'vk'];

/** "Export": a choice of a CSV for people or a hashed list for Yandex Audience or VK Ads; for the roles that may export. */
export function SegmentExports({ segmentId }: { segmentId: string }) {
  const { role } = useWorkspace();
  // Exports share the roles of segment writes (owner, admin, marketer).
  if (!roleAllows(role, 'segments:write')) return null;
  return <ExportMenu segmentId={segmentId} />;
}

function ExportMenu({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation();
  const start = useStartExport(segmentId);
  const failure = useErrorText(start.error ?? new Error(''));
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="light" loading={start.isPending}>{t('segments.exports.button')}</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {formats.map((format) => (
          <Menu.Item key={format} onClick={() => start.mutate(format, {
            onSuccess: () => notifications.show({ color: 'blue', message: t('segments.exports.started') }),
            onError: () => notifications.show({ color: 'red', title: failure.title, message: failure.message }),
          })}>
            {t(`segments.exports.formats.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
