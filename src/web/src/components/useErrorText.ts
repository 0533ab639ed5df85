import { useTranslation } from 'react-i18next';
import { ApiError, type FieldProblem } from '../api/client.js';
import { en } from '../i18n/en.js';
import { useReasonWording } from './useReasonWording.js';

type ErrorCodes = typeof en.errorCodes;
type ErrorCodeKey = { [D in keyof ErrorCodes]: `errorCodes.${D}.${keyof ErrorCodes[D] & string}` }[keyof ErrorCodes];

// The key of a per-domain code the interface words ("users.last_owner" -> "errorCodes.users.last_owner").
function isErrorCodeKey(key: string): key is ErrorCodeKey {
  const [prefix, domain, what, ...rest] = key.split('.');
  if (prefix !== 'errorCodes' || !domain || !what || rest.length > 0 || !Object.hasOwn(en.errorCodes, domain)) return false;
  const messages: object = en.errorCodes[domain as keyof ErrorCodes];
  return Object.hasOwn(messages, what);
}

// The headline of each kind of error.
const titles = {
  network: 'errors.network',
  unauthorized: 'errors.unauthorized',
  forbidden: 'errors.forbidden',
  csrf_failed: 'errors.forbidden',
  not_found: 'errors.notFound',
  validation_failed: 'errors.validation',
  conflict: 'errors.conflict',
  too_many_requests: 'errors.tooManyRequests',
} as const;

/**
 * A localised headline for an error and the message to show under it: a per-domain code the API
 * names (`errorCodes.<domain>.<what>`) or a coded field problem in the interface language, otherwise
 * the API's own words.
 */
export function useErrorText(error: Error): { title: string; message: string } {
  const { t } = useTranslation();
  const wordReason = useReasonWording();
  if (!(error instanceof ApiError)) return { title: t('errors.unexpected'), message: error.message };
  const titleKey = Object.hasOwn(titles, error.code) ? titles[error.code as keyof typeof titles] : error.status >= 500 ? 'errors.server' : 'errors.unexpected';
  const title = t(titleKey);
  if (error.code === 'network') return { title, message: t('errors.networkText') };
  const key = error.domain ? `errorCodes.${error.domain.code}` : '';
  if (isErrorCodeKey(key)) return { title, message: t(key, { ...error.domain?.params }) };
  return { title, message: messageOf(error, wordReason) };
}

function messageOf(error: ApiError, wordReason: (problem: FieldProblem) => string): string {
  // A coded first problem reads in the interface language; otherwise the API's own sentence.
  const first = error.details[0];
  if (error.code === 'validation_failed' && first?.code) return `${first.field}: ${wordReason(first)}`;
  return error.message;
}
