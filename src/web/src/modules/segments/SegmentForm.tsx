import { Alert, Button, Grid, Group, Paper, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleGroupType } from 'react-querybuilder';
import { ErrorState } from '../../components/ErrorState.js';
import { useReasonWording } from '../../components/useReasonWording.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { LivePreview } from './LivePreview.js';
import { RuleBuilder } from './RuleBuilder.js';
import { toRule } from './rule-draft.js';
import { ruleErrors } from './rule-errors.js';
import { usePreview, useSegments } from './segments.api.js';
import type { RuleGroup } from './segments.types.js';

/** What the form saves. */
export interface SegmentFormValues {
  name: string;
  description: string;
  kind: 'dynamic' | 'static';
  rule: RuleGroup | null;
}

/** Props of SegmentForm. */
export interface SegmentFormProps {
  title: string;
  initial: { name: string; description: string; kind: 'dynamic' | 'static'; query: RuleGroupType };
  /** The segment being edited (left out of the segments a condition may name), or null for a new one. */
  segmentId: string | null;
  saving: boolean;
  saveError: Error | null;
  submitLabel: string;
  onSubmit: (values: SegmentFormValues) => void;
  onCancel: () => void;
}

/** A segment's name, description and rule, with the live count of what the rule matches beside it. */
export function SegmentForm({ title, initial, segmentId, saving, saveError, submitLabel, onSubmit, onCancel }: SegmentFormProps) {
  const { t } = useTranslation();
  const word = useReasonWording();
  const { currency } = useWorkspace();
  const others = useSegments();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [kind, setKind] = useState(initial.kind);
  const [query, setQuery] = useState(initial.query);
  const [nameMissing, setNameMissing] = useState(false);
  // The rule last submitted: the save's refusals stand only until that rule is edited.
  const [submitted, setSubmitted] = useState<RuleGroup | null>(null);
  const rule = useMemo(() => toRule(query, currency), [query, currency]);
  // Every change is counted once the typing pauses, and only a rule the server can evaluate.
  const [debounced] = useDebouncedValue(rule, 300);
  const preview = usePreview(kind === 'dynamic' ? debounced : null);
  const errors = useMemo(() => {
    const fromPreview = ruleErrors(preview.error, word);
    const fromSave = rule === submitted ? ruleErrors(saveError, word) : {};
    return Object.keys(fromSave).length ? fromSave : fromPreview;
  }, [preview.error, saveError, word, rule, submitted]);
  const context = useMemo(() => ({
    currency, errors, segments: (others.data ?? []).filter((s) => s.id !== segmentId).map((s) => ({ id: s.id, name: s.name })),
  }), [currency, errors, others.data, segmentId]);
  const submit = () => {
    if (!name.trim()) return setNameMissing(true);
    setSubmitted(rule);
    onSubmit({ name: name.trim(), description: description.trim(), kind, rule: kind === 'dynamic' ? rule : null });
  };
  const ruleless = kind === 'dynamic' && !rule;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{title}</Title>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <TextInput label={t('segments.builder.name')} value={name} required maw={520} error={nameMissing && !name.trim() ? t('segments.builder.nameRequired') : null}
                  onChange={(e) => setName(e.currentTarget.value)} />
                <Textarea label={t('segments.builder.description')} placeholder={t('segments.builder.descriptionPlaceholder')} value={description} autosize minRows={1} maw={720}
                  onChange={(e) => setDescription(e.currentTarget.value)} />
                {segmentId === null && (
                  <SegmentedControl w="fit-content" value={kind} onChange={(k) => setKind(k === 'static' ? 'static' : 'dynamic')}
                    data={[{ value: 'dynamic', label: t('segments.kinds.dynamic') }, { value: 'static', label: t('segments.kinds.static') }]} />
                )}
              </Stack>
            </Paper>
            {kind === 'dynamic' ? (
              <Paper withBorder radius="md" p="md" component="section" aria-label={t('segments.builder.rule')}>
                <Stack gap="sm">
                  <Title order={2} size="h4">{t('segments.builder.rule')}</Title>
                  {errors['']?.map((e) => <Alert key={e} color="red" p="xs">{e}</Alert>)}
                  <RuleBuilder query={query} onChange={setQuery} context={context} />
                </Stack>
              </Paper>
            ) : (
              <Text c="dimmed">{t('segments.builder.staticHint')}</Text>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          {kind === 'dynamic' && <LivePreview preview={preview} complete={rule !== null && rule === debounced} refused={Object.keys(ruleErrors(preview.error, word)).length > 0} />}
        </Grid.Col>
      </Grid>
      {saveError && Object.keys(ruleErrors(saveError, word)).length === 0 && <ErrorState error={saveError} />}
      <Group>
        <Button onClick={submit} loading={saving} disabled={ruleless}>{submitLabel}</Button>
        <Button variant="default" onClick={onCancel}>{t('segments.builder.cancel')}</Button>
        {ruleless && <Text size="sm" c="dimmed">{t('segments.builder.incomplete')}</Text>}
      </Group>
    </Stack>
  );
}
