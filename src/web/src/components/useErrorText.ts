import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

/** A localised headline for an error and the message to show under it (the API's own words). */
export function useErrorText(error: Error): { title: string; message: string } {
  const { t } = useTranslation();
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
    case 'validation_failed':
      return { title: t('errors.validation'), message: error.message };
    case 'conflict':
      return { title: t('errors.conflict'), message: error.message };
    case 'too_many_requests':
      return { title: t('errors.tooManyRequests'), message: error.message };
    default:
      return { title: error.status >= 500 ? t('errors.server') : t('errors.unexpected'), message: error.message };
  }
}
