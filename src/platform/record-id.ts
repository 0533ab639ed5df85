import { z } from 'zod';

// Records are numbered 1, 2, 3…: an id is read only in that one spelling. Number() and z.coerce
// would also read "0x10", "1e1", "016", " 16" or "16.0" as 16, giving one record many addresses
// (and making caches, logs and permission checks disagree on which record a request named).

const canonicalDecimal = /^[1-9][0-9]{0,15}$/;

/** Whether a string is a record id as the API writes it: a positive decimal integer without sign, leading zeros or spaces. */
export function isRecordId(value: string): boolean {
  return canonicalDecimal.test(value) && Number.isSafeInteger(Number(value));
}

/** A path or query parameter holding a record id, read strictly (see isRecordId) into a number. */
export const recordIdParam = z
  .string()
  .regex(canonicalDecimal, { message: 'must be a positive whole number written in decimal digits' })
  .refine(isRecordId, { message: 'is beyond the largest id' })
  .transform(Number)
  .meta({ description: 'Record id: decimal digits without sign, spaces or leading zeros' });
