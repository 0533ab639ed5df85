import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { fromRule } from './rule-draft.js';
import { SegmentForm } from './SegmentForm.js';
import { useSegment, useUpdateSegment } from './segments.api.js';

/** The builder of an existing segment: its name, description and (for a segment by rule) its rule. */
export function SegmentEditPage() {
  const { t, i18n } = useTranslation();
  const { segmentId = '' } = useParams();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const segment = useSegment(segmentId);
  const update = useUpdateSegment(segmentId);
  if (segment.isPending) return <PageLoader minHeight="40vh" />;
  if (segment.isError) return <ErrorState error={segment.error} onRetry={() => void segment.refetch()} />;
  const s = segment.data;
  const back = () => void navigate(`/w/${workspace.id}/segments/${segmentId}`);
  return (
    <SegmentForm
      title={t('segments.builder.editTitle', { name: s.name })}
      initial={{ name: s.name, description: s.description ?? '', kind: s.kind, query: s.rule ? fromRule(s.rule, workspace.currency, i18n.language === 'ru') : { combinator: 'and', rules: [] } }}
      segmentId={s.id}
      saving={update.isPending}
      saveError={update.error}
      submitLabel={t('segments.builder.saveChanges')}
      onSubmit={({ name, description, rule }) => update.mutate({ name, description: description || null, ...(rule ? { rule } : {}) }, { onSuccess: back })}
      onCancel={back}
    />
  );
}
