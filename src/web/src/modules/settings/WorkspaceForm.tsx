import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { ErrorState } from '../../components/ErrorState.js';
import { useReasonWording } from '../../components/useReasonWording.js';
import { can } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useUpdateWorkspace } from './settings.api.js';
import type { WorkspacePatch, WorkspaceSettings } from './settings.types.js';
import { currencyChoices, phoneRegionChoices, timeZoneChoices } from './setting-choices.js';

const fields = ['name', 'timezone', 'currency', 'phoneRegion'] as const;
type Values = Record<(typeof fields)[number], string>;

/** Edits the workspace's settings (read-only without workspace:write); the API's messages appear on the fields. */
export function WorkspaceForm({ settings }: { settings: WorkspaceSettings }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const editable = can(workspace.role, 'workspace:write');
  const update = useUpdateWorkspace();
  const [values, setValues] = useState<Values>(() => pick(settings));
  const locale = i18n.language;
  // The saved values are always among the options, even a zone or currency this browser does not list.
  const timezones = useMemo(() => timeZoneChoices(settings.timezone), [settings.timezone]);
  const currencies = useMemo(
    () => currencyChoices(locale, settings.currency, { common: t('settings.workspace.currencyCommon'), other: t('settings.workspace.currencyOther') }),
    [locale, settings.currency, t],
  );
  const regions = useMemo(() => phoneRegionChoices(locale), [locale]);

  const wordReason = useReasonWording();
  const fieldErrors = update.error instanceof ApiError ? update.error.fieldErrors(wordReason) : {};
  const formFields: readonly string[] = fields;
  const generalError = update.error && !Object.keys(fieldErrors).some((f) => formFields.includes(f)) ? update.error : null;
  const body = changes(pick(settings), values);
  const set = (field: keyof Values) => (value: string | null) => {
    if (value !== null) setValues((v) => ({ ...v, [field]: value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body) return;
    update.mutate(body, { onSuccess: () => notifications.show({ color: 'green', message: t('settings.workspace.saved') }) });
  };
  const reset = () => {
    update.reset();
    setValues(pick(settings));
  };
  const select = { searchable: true, allowDeselect: false, disabled: !editable, nothingFoundMessage: t('settings.workspace.nothingFound'), maxDropdownHeight: 280, comboboxProps: { withinPortal: true } };

  return (
    <Paper withBorder radius="md" p="lg" maw={680}>
      <form onSubmit={submit} noValidate aria-label={t('settings.tabs.workspace')}>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text size="sm" c="dimmed">
              {editable ? t('settings.workspace.intro') : t('settings.workspace.readOnlyHint')}
            </Text>
            {!editable && (
              <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                {t('settings.readOnly')}
              </Badge>
            )}
          </Group>
          {generalError && <ErrorState error={generalError} />}
          <TextInput label={t('settings.workspace.name')} value={values.name} onChange={(e) => set('name')(e.currentTarget.value)} error={fieldErrors.name} disabled={!editable} maxLength={100} />
          <Select {...select} label={t('settings.workspace.timezone')} description={t('settings.workspace.timezoneHint')} data={timezones} value={values.timezone} onChange={set('timezone')} error={fieldErrors.timezone} />
          <Select {...select} label={t('settings.workspace.currency')} description={t('settings.workspace.currencyHint')} data={currencies} value={values.currency} onChange={set('currency')} error={fieldErrors.currency} />
          <Select {...select} label={t('settings.workspace.phoneRegion')} description={t('settings.workspace.phoneRegionHint')} data={regions} value={values.phoneRegion} onChange={set('phoneRegion')} error={fieldErrors.phoneRegion} />
          {editable && (
            <Group justify="flex-end">
              <Button variant="default" disabled={!body || update.isPending} onClick={reset}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" disabled={!body} loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function pick(s: WorkspaceSettings): Values {
  return { name: s.name, timezone: s.timezone, currency: s.currency, phoneRegion: s.phoneRegion };
}

// Only what changed is sent, so saving a name never re-validates an untouched setting.
function changes(before: Values, after: Values): WorkspacePatch | null {
  const body: WorkspacePatch = {};
  for (const field of fields) if (after[field] !== before[field]) body[field] = after[field];
  return Object.keys(body).length > 0 ? body : null;
}
