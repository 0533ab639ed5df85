import type { ReasonCode } from '../../platform/reasons.js';

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

// Russian wording of the reason codes, the same as the web app's `apiReasons`, with i18next's
// {{name}} placeholders. A test keeps the two equal and checks that every code has its wording here.
const ruReasons: Partial<Record<ReasonCode, string>> = {
  empty: 'не заполнено',
  must_not_be_empty: 'не может быть пустым',
  too_long: 'не длиннее {{max}} символов',
  too_short: 'не короче {{min}} символов',
  phone_not_a_number: '«{{value}}» — не номер телефона',
  phone_invalid: '«{{value}}» — не действующий номер телефона для страны {{region}}',
  email_invalid: '«{{value}}» — не адрес электронной почты',
  card_invalid: '«{{value}}» — не номер карты: от 4 до 64 букв или цифр',
  identifier_kind_unknown: 'неизвестный вид идентификатора «{{value}}»',
  gender_invalid: 'укажите женский, мужской или другой',
  channel_invalid: 'укажите e-mail, SMS, push или мессенджер',
  consent_channel_unknown: 'неизвестный канал: e-mail, SMS, push или мессенджер',
  date_format: '«{{value}}» — не дата',
  date_not_real: 'даты «{{value}}» не существует',
  date_in_future: 'дата ещё не наступила',
  date_before_1900: 'дата раньше 1900 года',
  not_a_member: 'не пользователь этого пространства',
  timezone_invalid: '«{{value}}» — не часовой пояс вроде Europe/Moscow',
  currency_invalid: '«{{value}}» — не код валюты вроде RUB',
  region_invalid: '«{{value}}» — не код страны вроде RU',
  not_a_number: 'не число: «{{value}}»',
  ambiguous_number: 'неоднозначное число «{{value}}»: «{{separator}}» может разделять и тысячи, и дробную часть',
  amount_too_large: 'слишком большая сумма: «{{value}}»',
  gender_letter: 'не пол: ожидается Ж/М (F/M), указано «{{value}}»',
  yes_no: 'не «да» или «нет»: ожидается да/нет, yes/no или 1/0, указано «{{value}}»',
  date_value: 'не дата: ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, указано «{{value}}»',
  date_no_such_day: 'такого дня нет: «{{value}}»',
  time_value: 'не время: ожидается ЧЧ:ММ или ЧЧ:ММ:СС, указано «{{value}}»',
  date_year_range: 'год должен быть от {{min}} до {{max}}, указано «{{value}}»',
  sales_channel: 'не канал продаж: ожидается онлайн или офлайн, указано «{{value}}»',
  currency_value: 'не код валюты: «{{value}}»',
  order_rows_failed: 'заказ не загружен: в его строках {{rows}} ошибки',
  quote_not_closed: 'не закрыта кавычка',
  text_after_quote: 'текст после закрывающей кавычки (кавычку внутри значения в кавычках нужно удвоить)',
  row_too_long: 'слишком длинная строка',
  no_customer_identifier: 'клиент не указан: пусты телефон, e-mail, номер карты и код клиента',
  order_date_required: 'нужна дата заказа',
  order_total_required: 'нужна сумма заказа',
  price_required: 'нужна цена, чтобы сложить сумму заказа',
  no_order_lines: 'нет строк заказа: пусты цена и количество',
  negative_order_total: 'сумма заказа отрицательная: возвраты не загружаются как заказы',
};

/** The Russian templates of the reason codes, by code. */
export const reportReasonsRu: Readonly<Partial<Record<string, string>>> = ruReasons;

/** A stored reason in the report's language: the code's wording with its values, else the stored English sentence. */
export function wordReason(problem: { reason: string; code?: string | null; params?: Record<string, string | number> | null }, lang: ReportLanguage): string {
  const template = lang === 'ru' && problem.code && Object.hasOwn(reportReasonsRu, problem.code) ? reportReasonsRu[problem.code] : undefined;
  if (template === undefined) return problem.reason;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(problem.params?.[name] ?? ''));
}
