import type { ReasonCode } from '../../platform/reasons.js';
import { reasonWordingRu } from '../../common/reason-wording-ru.js';

// The error report in the reader's language. Reasons are stored in English with a code and its
// values (platform/reasons.ts); the web app words the codes itself, and a downloaded report is
// worded here the same way, so the file a Russian manager opens in Excel is in Russian.

/** A language the error report is written in. */
export type ReportLanguage = 'ru' | 'en';

/** Whether a value names a report language. */
export function isReportLanguage(value: unknown): value is ReportLanguage {
  return value === 'ru' || value === 'en';
}

/**
 * The report's language: an explicit choice (`?lang=`, `--lang`) first, then the signed-in user's
 * saved interface language, then the first of Accept-Language's languages we write, else English.
 */
export function pickReportLanguage(choice: { explicit?: string | null; saved?: string | null; acceptLanguage?: string | null }): ReportLanguage {
  if (isReportLanguage(choice.explicit)) return choice.explicit;
  if (isReportLanguage(choice.saved)) return choice.saved;
  return fromAcceptLanguage(choice.acceptLanguage ?? '') ?? 'en';
}

// "ru-RU,ru;q=0.9,en-US;q=0.8": the language with the highest weight among ours (order breaks ties).
function fromAcceptLanguage(header: string): ReportLanguage | null {
  let best: { lang: ReportLanguage; q: number } | null = null;
  for (const item of header.split(',')) {
    const [tag = '', ...params] = item.trim().split(';');
    const lang = tag.trim().toLowerCase().split('-')[0];
    if (!isReportLanguage(lang)) continue;
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    if (Number.isFinite(q) && q > 0 && (best === null || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? null;
}

/** The report's column titles: English ones as scripts have read them so far, Russian ones as on the screen. */
export const reportHeader: Record<ReportLanguage, readonly string[]> = {
  en: ['row', 'column', 'reason', 'raw'],
  ru: ['Строка', 'Столбец', 'Причина', 'Строка в файле'],
};

/** A stored reason in the report's language: the code's wording with its values, else the stored English sentence. */
export function wordReason(problem: { reason: string; code?: string | null; params?: Record<string, string | number> | null }, lang: ReportLanguage): string {
  const template = lang === 'ru' && problem.code && Object.hasOwn(reasonWordingRu, problem.code) ? reasonWordingRu[problem.code as ReasonCode] : undefined;
  if (template === undefined) return problem.reason;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(problem.params?.[name] ?? ''));
}
