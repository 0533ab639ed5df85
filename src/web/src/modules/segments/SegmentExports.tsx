import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../../platform/roles.js';
import { useErrorText } from '../../components/useErrorText.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useStartExport } from './segment-exports.api.js';
import type { ExportFormat } from './segments.types.js';

// Every format the API writes (a record keyed by its union, so a new one cannot be left out).
const formatSet: Record<ExportFormat, true> = { csv: true, yandex: true, vk_phone: true, vk_email: true };
const formats = Object.keys(formatSet).filter((f): f is ExportFormat => Object.hasOwn(formatSet, f));

/** "Export": a choice of a CSV for people or a hashed list for Yandex Audience or VK Ads; for the roles that may export (owner, admin, marketer). */
export function SegmentExports({ segmentId }: { segmentId: string }) {
  const { role } = useWorkspace();
  if (!roleAllows(role, 'segments:export')) return null;
  return <ExportMenu segmentId={segmentId} />;
}

function ExportMenu({ segmentId }: { segmentId: string }) {
  const { t, i18n } = useTranslation();
  const start = useStartExport(segmentId);
  // The CSV's column names follow the interface language.
  const language = i18n.language === 'en' ? 'en' : 'ru';
  const failure = useErrorText(start.error ?? new Error(''));
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="light" loading={start.isPending}>{t('segments.exports.button')}</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {formats.map((format) => (
          <Menu.Item key={format} onClick={() => start.mutate({ format, language }, {
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
