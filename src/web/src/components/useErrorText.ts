import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { useReasonWording } from './useReasonWording.js';

/** A localised headline for an error and the message to show under it (the API's own words). */
export function useErrorText(error: Error): { title: string; message: string } {
  const { t } = useTranslation();
  const wordReason = useReasonWording();
  if (!(error instanceof ApiError)) return { title: t('errors.unexpected'), message: error.message };
  switch (error.code) {
    case 'network':
      return { title: t('errors.network'), message: t('errors.networkText') };
    case 'unauthorized':
      return { title: t('errors.unauthorized'), message: error.message };
    case 'forbidden':
    case 'csrf_failed':
      return { title: t('errors.forbidden'), message: error.message };
    case 'not_found':
      return { title: t('errors.notFound'), message: error.message };
    case 'validation_failed': {
      // A coded first problem reads in the interface language; otherwise the API's own sentence.
      const first = error.details[0];
      return { title: t('errors.validation'), message: first?.code ? `${first.field}: ${wordReason(first)}` : error.message };
    }
    case 'conflict':
      return { title: t('errors.conflict'), message: error.message };
    case 'too_many_requests':
      return { title: t('errors.tooManyRequests'), message: error.message };
    default:
      return { title: error.status >= 500 ? t('errors.server') : t('errors.unexpected'), message: error.message };
  }
}
