// Identifiers that must be unique per customer without remembering which were handed out: each is a
// keyed permutation of the customer's index, so memory stays flat at any scale.

/** A keyed bijection of [0, domain) onto itself that scatters neighbouring inputs. */
export type Permutation = (index: number) => number;

/** Builds a keyed permutation of [0, domain): a 4-round Feistel network with cycle walking. */
export function createPermutation(domain: number, key: number): Permutation {
  if (!Number.isSafeInteger(domain) || domain < 1 || domain > 2 ** 52) {
    throw new RangeError(`permutation domain must be an integer in [1, 2^52], got ${domain}`);
  }
  // Two halves of equal width, so the network is a bijection of [0, 2^(2*halfBits)).
  let halfBits = 1;
  while (2 ** (2 * halfBits) < domain) halfBits++;
  // The round function works on 32-bit integers; wider halves are only needed past 2^52 anyway.
  const half = 2 ** halfBits;
  const roundKeys = [0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c].map((c) => (c ^ key) >>> 0);
  const round = (value: number, roundKey: number): number => {
    let h = Math.imul((value >>> 0) ^ roundKey, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0) % half;
  };
  const encrypt = (x: number): number => {
    let left = Math.floor(x / half);
    let right = x % half;
    for (const roundKey of roundKeys) {
      const next = (left + round(right, roundKey)) % half;
      left = right;
      right = next;
    }
    return left * half + right;
  };
  return (index: number): number => {
    if (!Number.isInteger(index) || index < 0 || index >= domain) {
      throw new RangeError(`index ${index} is outside [0, ${domain})`);
    }
    // Cycle walking: re-encrypt until the value lands inside the domain; since the network permutes a
    // superset at most 4x larger, this ends after a few steps and stays a bijection on the domain.
    let value = encrypt(index);
    while (value >= domain) value = encrypt(value);
    return value;
  };
}

/** The EAN-13 check digit for the first 12 digits (weights 1,3,1,3… from the left). */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`expected 12 digits, got "${first12}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** True when a string is 13 digits with a correct EAN-13 check digit. */
export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === code.charCodeAt(12) - 48;
}

// Numbers from +7 930 000 00 00 to +7 930 099 99 99 are partly unallocated (the phone library, and
// so the product, refuses them), so subscriber numbers skip that block of 10^6: every number made
// here is one the product accepts, and distinct subscribers still get distinct phones.
const skippedBlock = { from: 300_000_000, size: 1_000_000 };

/** How many distinct mobile numbers mobilePhone makes. */
export const mobileSubscribers = 1_000_000_000 - skippedBlock.size;

/** A valid Russian mobile number in E.164 ("+79" and nine digits) from a number in [0, mobileSubscribers). */
export function mobilePhone(subscriber: number): string {
  const digits = subscriber >= skippedBlock.from ? subscriber + skippedBlock.size : subscriber;
  return `+79${String(digits).padStart(9, '0')}`;
}

/** A loyalty card number: EAN-13 in the in-store range (prefix "2"), from a number in [0, 10^11). */
export function loyaltyCard(serial: number): string {
  // Prefixes 20–29 are reserved for in-store use, so demo cards never collide with real product codes.
  const body = `2${String(serial).padStart(11, '0')}`;
  return body + String(ean13CheckDigit(body));
}
