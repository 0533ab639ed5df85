import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, asUser, newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';
import type { App } from '../../main.js';

// Refusals a person acts on name what exactly went wrong with a per-domain code and its params, so
// the web app can word them in the user's language; `code` stays the kind and `message` English.

describe.each(testDatabases())('per-domain error codes on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('names the refusal of sign-in, of roles and of membership rules', async () => {
    const ws = await newWorkspace(app);
    const owner = ws.owner;
    const analyst = await addUser(app, ws.id, 'analyst');

    const login = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: owner.email, password: 'not it at all' } });
    expect(login.statusCode).toBe(401);
    expect(login.json().error).toMatchObject({ code: 'unauthorized', domainCode: 'users.wrong_credentials', message: 'Wrong e-mail or password' });

    const asAnalyst = await asUser(app, analyst, ws.id, { method: 'POST', url: '/api/v1/members', payload: { email: 'x@example.com', role: 'analyst' } });
    expect(asAnalyst.statusCode).toBe(403);
    expect(asAnalyst.json().error).toMatchObject({ code: 'forbidden', domainCode: 'auth.role_forbids', params: { permission: 'members:write' } });

    const stepDown = await asUser(app, owner, ws.id, { method: 'PATCH', url: `/api/v1/members/${owner.id}`, payload: { role: 'admin' } });
    expect(stepDown.statusCode).toBe(409);
    expect(stepDown.json().error).toMatchObject({ code: 'conflict', domainCode: 'users.last_owner' });

    const again = await asUser(app, owner, ws.id, { method: 'POST', url: '/api/v1/members', payload: { email: analyst.email, role: 'marketer' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ domainCode: 'users.already_member', params: { email: analyst.email } });

    const noSession = await app.http.inject({ method: 'GET', url: '/api/v1/customers' });
    expect(noSession.json().error).toMatchObject({ code: 'unauthorized', domainCode: 'auth.sign_in_required' });
  });

  it('names an identifier that belongs to another customer, with the customer', async () => {
    const ws = await newWorkspace(app);
    const create = (phone: string) => withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: { phone } });
    const first = (await create('+79120000001')).json().customer;
    const second = (await create('+79120000002')).json().customer;
    const edit = await withKey(app, ws.secretKey, { method: 'PATCH', url: `/api/v1/customers/${second.id}`, payload: { phone: '+79120000001' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({
      code: 'conflict',
      domainCode: 'customers.identifier_taken',
      params: { kind: 'phone', value: '+79120000001', customerId: first.id },
      details: [{ field: 'phone' }],
    });
  });
});
