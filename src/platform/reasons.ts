// Why a value was refused, as a stable code with parameters, so that a client can word it in its
// user's language (the web app does, in Russian and English). The English sentence stays in
// `reason` for everyone else: curl, logs, the CLI. Codes are part of the API: add, never rename.

type NoParams = Record<string, never>;
type Value = { value: string };

/** The parameters each reason code carries. */
export interface ReasonParamMap {
  empty: NoParams;
  must_not_be_empty: NoParams;
  too_long: { max: number };
  too_short: { min: number };
  phone_not_a_number: Value;
  phone_invalid: { value: string; region: string };
  email_invalid: Value;
  card_invalid: Value;
  identifier_kind_unknown: Value;
  gender_invalid: NoParams;
  channel_invalid: NoParams;
  consent_channel_unknown: NoParams;
  date_format: Value;
  date_not_real: Value;
  date_in_future: NoParams;
  date_before_1900: NoParams;
  not_a_member: NoParams;
  timezone_invalid: Value;
  currency_invalid: Value;
  region_invalid: Value;
  not_a_number: Value;
  ambiguous_number: { value: string; separator: string };
  amount_too_large: Value;
  gender_letter: Value;
  yes_no: Value;
  date_value: Value;
  date_no_such_day: Value;
  time_value: Value;
  date_year_range: { value: string; min: number; max: number };
  sales_channel: Value;
  currency_value: Value;
  order_rows_failed: { rows: string };
  quote_not_closed: NoParams;
  text_after_quote: NoParams;
  row_too_long: NoParams;
  no_customer_identifier: NoParams;
  order_date_required: NoParams;
  order_total_required: NoParams;
  price_required: NoParams;
  no_order_lines: NoParams;
  negative_order_total: NoParams;
  password_too_common: NoParams;
  password_like_email: NoParams;
  password_wrong: NoParams;
  // Segment rules (modules/segments/rule-check.ts).
  rule_too_deep: { max: number };
  rule_too_many_values: { max: number; count: number };
  rule_too_many_conditions: { max: number; count: number };
  range_backwards: NoParams;
  window_backwards: NoParams;
  text_required: NoParams;
  values_required: NoParams;
  value_required: NoParams;
  number_required: NoParams;
  range_end_required: NoParams;
  day_required: NoParams;
  first_day_required: NoParams;
  last_day_required: NoParams;
  days_required: NoParams;
  age_required: NoParams;
  birthday_operator: { op: string };
  trait_operator: { op: string; type: string };
  event_name_required: NoParams;
  class_unknown: { value: string; allowed: string };
  rule_too_many_traits: { max: number; count: number };
}

/** A reason code. */
export type ReasonCode = keyof ReasonParamMap;

/** The English sentence of each reason code. */
export const reasonTexts: { [C in ReasonCode]: (p: ReasonParamMap[C]) => string } = {
  empty: () => 'is empty',
  must_not_be_empty: () => 'must not be empty',
  too_long: (p) => `must be at most ${p.max} characters`,
  too_short: (p) => `must be at least ${p.min} characters`,
  phone_not_a_number: (p) => `"${p.value}" is not a phone number`,
  phone_invalid: (p) => `"${p.value}" is not a valid phone number${p.region ? ` for region ${p.region}` : ''}`,
  email_invalid: (p) => `"${p.value}" is not a valid e-mail address`,
  card_invalid: (p) => `"${p.value}" is not a card number (4–64 letters or digits)`,
  identifier_kind_unknown: (p) => `unknown kind "${p.value}"`,
  gender_invalid: () => 'must be female, male or other',
  channel_invalid: () => 'must be email, sms, push or messenger',
  consent_channel_unknown: () => 'unknown channel; use email, sms, push or messenger',
  date_format: (p) => `"${p.value}" is not a date in the form YYYY-MM-DD`,
  date_not_real: (p) => `"${p.value}" is not a real date`,
  date_in_future: () => 'is in the future',
  date_before_1900: () => 'is before 1900',
  not_a_member: () => 'is not a user of this workspace',
  timezone_invalid: (p) => `"${p.value}" is not an IANA time zone such as Europe/Moscow`,
  currency_invalid: (p) => `"${p.value}" is not an ISO 4217 currency code such as RUB`,
  region_invalid: (p) => `"${p.value}" is not a country code such as RU`,
  // Cells and rows of CSV imports.
  not_a_number: (p) => `not a number: "${p.value}"`,
  ambiguous_number: (p) => `ambiguous number "${p.value}": "${p.separator}" may separate thousands or decimals`,
  amount_too_large: (p) => `amount is too large: "${p.value}"`,
  gender_letter: (p) => `not a gender: expected Ж/М or F/M, got "${p.value}"`,
  yes_no: (p) => `not yes or no: expected да/нет, yes/no or 1/0, got "${p.value}"`,
  date_value: (p) => `not a date: expected DD.MM.YYYY or YYYY-MM-DD, got "${p.value}"`,
  date_no_such_day: (p) => `not a date: no such day, got "${p.value}"`,
  time_value: (p) => `not a time: expected HH:MM or HH:MM:SS, got "${p.value}"`,
  date_year_range: (p) => `not a date: year must be ${p.min}–${p.max}, got "${p.value}"`,
  sales_channel: (p) => `not a sales channel: expected online or offline, got "${p.value}"`,
  currency_value: (p) => `not a currency code: "${p.value}"`,
  order_rows_failed: (p) => `order not imported: its row(s) ${p.rows} have errors`,
  quote_not_closed: () => 'a quote is not closed',
  text_after_quote: () => 'unexpected text after a closing quote (a quote inside a quoted field must be doubled)',
  row_too_long: () => 'the row is too long',
  no_customer_identifier: () => 'no customer identifier: the phone, e-mail, card number and customer id cells are all empty',
  order_date_required: () => 'empty: the order date is required',
  order_total_required: () => 'empty: the order total is required',
  price_required: () => 'empty: the price is needed to add up the order total',
  no_order_lines: () => 'no order lines: the price and quantity cells are empty',
  negative_order_total: () => 'the order total is negative: returns are not imported as orders',
  password_too_common: () => 'is one of the most common passwords; choose a longer or less predictable one',
  password_like_email: () => 'must not be your e-mail address',
  password_wrong: () => 'is wrong',
  // Segment rules.
  rule_too_deep: (p) => `groups may be nested at most ${p.max} deep`,
  rule_too_many_values: (p) => `a rule may list at most ${p.max} values in all (this one lists ${p.count})`,
  rule_too_many_conditions: (p) => `a rule may hold at most ${p.max} conditions (this one has ${p.count})`,
  range_backwards: () => 'the range ends before it starts',
  window_backwards: () => 'the window ends before it starts',
  text_required: () => 'a text value is required',
  values_required: () => 'at least one value is required',
  value_required: () => 'a value is required',
  number_required: () => 'a number is required',
  range_end_required: () => 'the upper end of the range is required',
  day_required: () => 'a day (YYYY-MM-DD) is required',
  first_day_required: () => 'the first day is required',
  last_day_required: () => 'the last day is required',
  days_required: () => 'a number of days is required',
  age_required: () => 'a lower or upper age is required',
  birthday_operator: (p) => `${p.op} applies to dates of birth and date traits only`,
  trait_operator: (p) => `${p.op} does not apply to a ${p.type} trait`,
  event_name_required: () => 'the event name is required',
  class_unknown: (p) => `${p.value} is not one of ${p.allowed}`,
  rule_too_many_traits: (p) => `a rule may read at most ${p.max} different traits (this one reads ${p.count})`,
};

/** A refusal: the English sentence, its code and the values the sentence names. */
export interface Reason {
  reason: string;
  code: ReasonCode;
  params: ReasonParamMap[ReasonCode];
}

/** Builds a refusal from a code and its parameters. */
export function reason<C extends ReasonCode>(code: C, params: ReasonParamMap[C]): Reason {
  const sentence = reasonTexts[code];
  return { reason: sentence(params), code, params };
}
