import { describe, expect, it } from 'vitest';
import { copyText } from './copy-text.js';

describe('copyText', () => {
  it('writes null, numbers and escaped text as COPY reads them', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(0.1234)).toBe('0.1234');
    expect(copyText(-42)).toBe('-42');
    expect(copyText('vip')).toBe('vip');
    expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyText('\\N')).toBe('\\\\N'); // the text "\N", not null
  });
});
