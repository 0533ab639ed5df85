import { createHash } from 'node:crypto';
import { type CsvCell, csvLine } from '../../platform/csv/csv-writer.js';

// What an audience export writes, by format (docs/segments.md, "Exports"):
// - csv: people, for people: names, phone, e-mail, city, orders and revenue; UTF-8 with a BOM and ";"
//   (Excel in a Russian locale opens it as it is);
// - yandex: Yandex Audience "CRM data": a header `phone,email`, each value SHA-256 of the phone's
//   digits with the country code (79995551111) and of the lower-cased e-mail; at least 100 rows;
// - vk_phone / vk_email: VK Ads user lists (one kind per list): a header `id`, one SHA-256 per line;
//   from 2,000 to 5,000,000 unique items.
// A contact whose channel the customer refused (e-mail consent for the e-mail, SMS for the phone)
// is never written.

/** Export formats. */
export const exportFormats = ['csv', 'yandex', 'vk_phone', 'vk_email'] as const;
/** An export format. */
export type ExportFormat = (typeof exportFormats)[number];

/** The fewest rows each advertising system accepts (null: no minimum). */
export const minimumRows: Record<ExportFormat, number | null> = { csv: null, yandex: 100, vk_phone: 2000, vk_email: 2000 };

/** A member's contacts as an export reads them, with refused channels already left out. */
export interface MemberContacts {
  id: number;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  phone: string | null;
  email: string | null;
  city: string | null;
  ordersCount: number;
  revenue: number;
}

/** The digits of an E.164 phone with its country code ("+7 999 555-11-11" → "79995551111"). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** An e-mail as advertising systems match it: trimmed and lower-cased. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** SHA-256 in lower-case hex. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

const headers = {
  ru: ['ID', 'Фамилия', 'Имя', 'Отчество', 'Телефон', 'Email', 'Город', 'Заказов', 'Выручка'],
  en: ['ID', 'Last name', 'First name', 'Middle name', 'Phone', 'Email', 'City', 'Orders', 'Revenue'],
};

/** The file's first bytes and header line. */
export function fileHeader(format: ExportFormat, language: 'ru' | 'en'): string {
  switch (format) {
    case 'csv': return `\ufeff${csvLine(headers[language], ';')}\r\n`;
    case 'yandex': return 'phone,email\n';
    case 'vk_phone': case 'vk_email': return 'id\n';
  }
}

/**
 * The lines a member adds to a file (none when the format needs a contact the member lacks).
 * `seen` keeps the values already written, for the formats whose items must be unique.
 * `minorDigits` converts revenue from minor units for people.
 */
export function memberLines(format: ExportFormat, m: MemberContacts, seen: Set<string>, minorDigits: number): string[] {
  const phone = m.phone ? phoneDigits(m.phone) : null;
  const email = m.email ? normalEmail(m.email) : null;
  switch (format) {
    case 'csv': {
      const cells: CsvCell[] = [m.id, m.lastName, m.firstName, m.middleName, m.phone, m.email, m.city, m.ordersCount, m.revenue / 10 ** minorDigits];
      return [`${csvLine(cells, ';')}\r\n`];
    }
    case 'yandex':
      if (!phone && !email) return [];
      return [`${phone ? sha256Hex(phone) : ''},${email ? sha256Hex(email) : ''}\n`];
    case 'vk_phone':
    case 'vk_email': {
      const value = format === 'vk_phone' ? phone : email;
      if (!value) return [];
      const hash = sha256Hex(value);
      if (seen.has(hash)) return [];
      seen.add(hash);
      return [`${hash}\n`];
    }
  }
}
