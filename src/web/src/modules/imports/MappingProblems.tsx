import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MappingProblem } from '../../api/types.js';
import { useImportLabels } from './useImportLabels.js';

/** What keeps a mapping from running, one line per problem, in the interface language. */
export function MappingProblems({ problems }: { problems: MappingProblem[] }) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  return (
    <Alert color="orange" variant="light" title={t('imports.preview.problemsTitle')} role="alert">
      <List size="sm" spacing={4}>
        {problems.map((p) => (
          <List.Item key={`${p.code}:${p.field ?? ''}`}>{labels.problem(p)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
