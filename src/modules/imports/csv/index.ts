// Reading customer and order imports from CSV files, without touching the database:
//
//   const preview = await previewCsv(path, 'orders');     // format, headers, 10 rows, guessed mapping
//   const problems = validateMapping('orders', mapping, preview.headers);   // mapping as confirmed
//   for await (const row of readCsvRows(path, { encoding, delimiter })) {
//     if (!row.ok) { reportBadRow(row.rowNumber, row.reason); continue; }
//     const total = parseAmount(row.fields[totalColumn]);  // { ok, value } or { ok: false, reason }
//   }

export { type CsvDelimiter, type CsvEncoding, type CsvFormat, detectDelimiter, detectEncoding, detectFormat } from './detect.js';
export { type ParseResult, parseBirthDate, parseDate } from './dates.js';
export { type CustomerField, type ImportField, type ImportKind, type OrderField, type TargetField, targetFields } from './fields.js';
export { autoMap, type Mapping, type MappingProblem, normalizeHeader, validateMapping } from './headers.js';
export { type CsvPreview, type CsvReadOptions, type CsvRow, previewCsv, readCsvHeader, readCsvRows } from './reader.js';
export { type NameParts, parseAmount, parseBool, parseGender, parseQuantity, splitFullName } from './values.js';
