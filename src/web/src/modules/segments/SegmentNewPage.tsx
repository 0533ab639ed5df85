import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useWorkspace } from '../../session/workspace-context.js';
import { readPrefill } from './prefill.js';
import { fromRule } from './rule-draft.js';
import { SegmentForm } from './SegmentForm.js';
import { useCreateSegment } from './segments.api.js';

/** The builder of a new segment, empty or filled in by "Save as segment" on another screen. */
export function SegmentNewPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const location = useLocation();
  const navigate = useNavigate();
  const create = useCreateSegment();
  const prefill = readPrefill(location.state);
  const query = prefill ? fromRule(prefill.rule, workspace.currency, i18n.language === 'ru') : { combinator: 'and', rules: [] };
  return (
    <SegmentForm
      // A new prefill (another "Save as segment") starts the form again.
      key={location.key}
      title={t('segments.builder.newTitle')}
      initial={{ name: prefill?.name ?? '', description: '', kind: 'dynamic', query }}
      segmentId={null}
      saving={create.isPending}
      saveError={create.error}
      submitLabel={t('segments.builder.create')}
      onSubmit={({ name, description, kind, rule }) =>
        create.mutate(
          { name, description: description || null, kind, rule },
          { onSuccess: (segment) => void navigate(`/w/${workspace.id}/segments/${segment.id}`) },
        )
      }
      onCancel={() => void navigate(`/w/${workspace.id}/segments`)}
    />
  );
}
