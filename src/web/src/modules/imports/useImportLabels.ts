import { useTranslation } from 'react-i18next';
import type { ImportDelimiter, ImportJob, ImportKind, MappingProblem } from '../../api/types.js';
import { importsEn } from '../../i18n/en.imports.js';

type FieldName = keyof typeof importsEn.fields;

const delimiterKeys = { ';': 'semicolon', ',': 'comma', '\t': 'tab' } as const;

function isFieldName(field: string): field is FieldName {
  return Object.hasOwn(importsEn.fields, field);
}

/** Names of import fields, kinds, statuses, delimiters and mapping problems in the interface language. */
export function useImportLabels() {
  const { t } = useTranslation();
  // The API names its fields in English; a field this screen does not know yet keeps that name.
  const field = (name: string, apiLabel?: string): string => (isFieldName(name) ? t(`imports.fields.${name}`) : (apiLabel ?? name));
  return {
    field,
    kind: (kind: ImportKind) => t(`imports.kinds.${kind}`),
    status: (status: ImportJob['status']) => t(`imports.statuses.${status}`),
    delimiter: (delimiter: ImportDelimiter) => t(`imports.delimiters.${delimiterKeys[delimiter]}`),
    problem: (problem: MappingProblem): string => {
      const name = field(problem.field ?? '');
      switch (problem.code) {
        case 'missing_identifier':
          return t('imports.problems.missingIdentifier');
        case 'missing_field':
          return problem.field === 'total' ? t('imports.problems.missingTotal', { field: name }) : t('imports.problems.missingField', { field: name });
        case 'unknown_field':
          return t('imports.problems.unknownField', { field: name });
        case 'bad_column':
          return t('imports.problems.badColumn', { field: name });
      }
    },
  };
}
