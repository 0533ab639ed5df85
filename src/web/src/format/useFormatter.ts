import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../session/workspace-context.js';
import { createFormatter, type Formatter } from './format.js';

/** Formatting in the current interface language and the current workspace's currency and time zone. */
export function useFormatter(): Formatter {
  const { i18n } = useTranslation();
  const { currency, timezone } = useWorkspace();
  const locale = i18n.language;
  return useMemo(() => createFormatter({ locale, currency, timezone }), [locale, currency, timezone]);
}
