import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { addUser, asUser, newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';
import { sha256Hex } from './audience-files.js';

// Audience exports and a segment's composition through the API: files as the advertising systems
// take them, refused channels left out, every export recorded, only the roles that may export.

describe.each(testDatabases())('segment exports and summary on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('exports people and hashed contacts without the refused channels, records each export, and summarises the members', async () => {
    const ws = await newWorkspace(app);
    const make = async (body: object) => {
      const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().customer.id as number;
    };
    const anna = await make({ phone: '+7 999 555-11-11', email: 'Anna@Example.RU', lastName: '=HYPERLINK("x")', firstName: 'Анна', city: 'Москва', consent: { email: { granted: true } } });
    const boris = await make({ phone: '+79995552222', email: 'boris@example.ru', city: 'Тула', consent: { sms: { granted: false } } });
    const vera = await make({ email: 'vera@example.ru', city: 'Москва', consent: { email: { granted: false } } });
    const owner = ws.owner;
    const made = await asUser(app, owner, ws.id, { method: 'POST', url: '/api/v1/segments', payload: { name: 'Все / all', kind: 'static' } });
    const segmentId = made.json().id as string;
    await asUser(app, owner, ws.id, { method: 'POST', url: `/api/v1/segments/${segmentId}/members/add`, payload: { customerIds: [anna, boris, vera] } });

    const summary = (await asUser(app, owner, ws.id, { method: 'GET', url: `/api/v1/segments/${segmentId}/summary` })).json();
    expect(summary.count).toBe(3);
    expect(summary.byCity).toEqual([{ key: 'Москва', count: 2 }, { key: 'Тула', count: 1 }]);
    expect(summary.consent).toEqual([{ channel: 'email', granted: 1 }, { channel: 'sms', granted: 0 }, { channel: 'push', granted: 0 }, { channel: 'messenger', granted: 0 }]);

    const exportAs = async (format: string) => {
      const res = await asUser(app, owner, ws.id, { method: 'POST', url: `/api/v1/segments/${segmentId}/exports`, payload: { format } });
      expect(res.statusCode, res.body).toBe(202);
      await app.services.jobs.settled({});
      const id = res.json().id as string;
      const done = (await asUser(app, owner, ws.id, { method: 'GET', url: `/api/v1/segment-exports/${id}` })).json();
      const file = await asUser(app, owner, ws.id, { method: 'GET', url: `/api/v1/segment-exports/${id}/file` });
      expect(file.statusCode, file.body).toBe(200);
      return { done, body: file.body, headers: file.headers };
    };
    const yandex = await exportAs('yandex');
    expect(yandex.done).toMatchObject({ status: 'done', rows: 2, members: 3, minimumRows: 100, createdBy: owner.id });
    expect(yandex.done.error).toMatch(/Fewer rows \(2\).*\(100\)/);
    expect(yandex.body).toBe(`phone,email\n${sha256Hex('79995551111')},${sha256Hex('anna@example.ru')}\n,${sha256Hex('boris@example.ru')}\n`);
    expect(yandex.body).not.toContain(sha256Hex('vera@example.ru')); // vera refused e-mail and has no phone: no row
    expect(yandex.body).not.toContain(sha256Hex('79995552222'));
    const people = await exportAs('csv');
    expect(people.body.startsWith('\ufeffID;Фамилия;Имя')).toBe(true);
    expect(people.body).toContain(`${anna};"'=HYPERLINK(""x"")";Анна;;'+79995551111;anna@example.ru;Москва;0;0\r\n`);
    expect(people.body).toContain(`${boris};;;;;boris@example.ru;Тула;0;0\r\n`); // refused SMS: no phone
    expect(people.headers['content-disposition']).toContain('attachment');
    const vk = await exportAs('vk_email');
    expect(vk.body).toBe(`id\n${sha256Hex('anna@example.ru')}\n${sha256Hex('boris@example.ru')}\n`);
    const list = (await asUser(app, owner, ws.id, { method: 'GET', url: `/api/v1/segments/${segmentId}/exports` })).json();
    expect(list.items.map((e: { format: string }) => e.format)).toEqual(['vk_email', 'csv', 'yandex']);

    for (const role of ['manager', 'analyst'] as const) {
      const user = await addUser(app, ws.id, role);
      expect((await asUser(app, user, ws.id, { method: 'POST', url: `/api/v1/segments/${segmentId}/exports`, payload: { format: 'csv' } })).statusCode).toBe(403);
      expect((await asUser(app, user, ws.id, { method: 'GET', url: `/api/v1/segment-exports/${list.items[0].id}/file` })).statusCode).toBe(403);
    }
  });
});
