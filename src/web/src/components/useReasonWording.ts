import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../api/client.js';
import { en } from '../i18n/en.js';

type ReasonCode = keyof typeof en.apiReasons;

function isReasonCode(code: string | undefined): code is ReasonCode {
  return code !== undefined && Object.hasOwn(en.apiReasons, code);
}

/**
 * Words the API's field problems in the interface language: a coded reason (see the server's
 * platform/reasons.ts) through `apiReasons.<code>`, anything else in the API's own English.
 */
export function useReasonWording(): (problem: FieldProblem) => string {
  const { t } = useTranslation();
  return (problem) => (isReasonCode(problem.code) ? t(`apiReasons.${problem.code}`, { ...problem.params }) : problem.reason);
}
