import { getCountries } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { phoneRegions } from './phone-regions.js';

describe('phone regions of the workspace form', () => {
  it('are exactly the countries the server reads phone numbers of', () => {
    expect([...phoneRegions].sort()).toEqual([...getCountries()].sort());
  });
});
