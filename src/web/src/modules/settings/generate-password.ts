// Letters and digits that cannot be mistaken for one another when read aloud or retyped
// (no 0/O, 1/l/I), so a first password survives being passed on by phone or in a chat.
const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random first password for a new user: 14 characters (about 81 bits) from the browser's CSPRNG. */
export function generatePassword(length = 14): string {
  const out: string[] = [];
  // Bytes at or above the largest multiple of the alphabet's size are skipped, so every character is equally likely.
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out.push(alphabet.charAt(byte % alphabet.length));
    }
  }
  return out.join('');
}
