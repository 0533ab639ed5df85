import { describe, expect, it } from 'vitest';
import { normalizeCard, normalizeEmail, normalizePhone } from '../common/identifiers.js';
import { cleanProfile } from '../modules/customers/profile-input.js';
import { invalid } from './errors.js';
import { reason } from './reasons.js';

describe('coded reasons', () => {
  it('carry the English sentence, the code and the values it names', () => {
    expect(reason('too_long', { max: 100 })).toEqual({ reason: 'must be at most 100 characters', code: 'too_long', params: { max: 100 } });
    expect(invalid('name', reason('must_not_be_empty', {})).details).toEqual([
      { field: 'name', reason: 'must not be empty', code: 'must_not_be_empty', params: {} },
    ]);
    // A plain sentence stays a plain sentence.
    expect(invalid('name', 'is odd').details).toEqual([{ field: 'name', reason: 'is odd' }]);
  });

  it('name why an identifier was refused', () => {
    expect(normalizePhone('12345', 'RU')).toEqual({
      ok: false, reason: '"12345" is not a valid phone number for region RU', code: 'phone_invalid', params: { value: '12345', region: 'RU' },
    });
    expect(normalizePhone('позвонить', 'RU')).toMatchObject({ ok: false, code: 'phone_not_a_number' });
    expect(normalizeEmail('anna@@example')).toMatchObject({ ok: false, code: 'email_invalid', params: { value: 'anna@@example' } });
    expect(normalizeCard(' ')).toMatchObject({ ok: false, code: 'empty' });
  });

  it('reach the problems of a profile with their field', () => {
    const result = cleanProfile({ fields: { birthDate: '1990-02-30', gender: 'x' }, identifiers: [{ kind: 'email', value: 'bad' }] }, 'RU');
    expect('problems' in result && result.problems).toEqual([
      { field: 'identifiers.0.value', reason: '"bad" is not a valid e-mail address', code: 'email_invalid', params: { value: 'bad' } },
      { field: 'gender', reason: 'must be female, male or other', code: 'gender_invalid', params: {} },
      { field: 'birthDate', reason: '"1990-02-30" is not a real date', code: 'date_not_real', params: { value: '1990-02-30' } },
    ]);
  });
});
