import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, testDatabases } from '../../../test/harness.js';
import { cleanProfileOrThrow } from './profile-input.js';

describe.each(testDatabases())('applying a profile on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  const apply = (workspaceId: string, input: Parameters<typeof cleanProfileOrThrow>[0], fillOnly: boolean) =>
    app.db.kysely.transaction().execute((trx) => app.services.customers.applyProfile(trx, workspaceId, cleanProfileOrThrow(input, 'RU'), { fillOnly }));

  it('with fillOnly, fills empty fields and leaves recorded consent and filled fields alone', async () => {
    const ws = await newWorkspace(app);
    const first = await apply(ws.id, { fields: { phone: '89001234567', firstName: 'Ольга' }, consent: { email: { granted: false, source: 'unsubscribe' } } }, false);
    await apply(ws.id, { fields: { phone: '+7 900 123 45 67', firstName: 'Оля', city: 'Тула' }, consent: { email: { granted: true, source: 'import' }, sms: { granted: true, source: 'import' } } }, true);
    const profile = await app.services.customers.get(ws.id, first.customerId);
    expect(profile).toMatchObject({ firstName: 'Ольга', city: 'Тула' });
    expect(profile.consent.email?.status).toBe('revoked');
    expect(profile.consent.sms?.status).toBe('granted');
    // Without fillOnly (an explicit change), the new value wins.
    await apply(ws.id, { fields: { phone: '89001234567', firstName: 'Оля' }, consent: { email: { granted: true, source: 'form' } } }, false);
    const changed = await app.services.customers.get(ws.id, first.customerId);
    expect(changed.firstName).toBe('Оля');
    expect(changed.consent.email?.status).toBe('granted');
  });
});
