import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/accounts/passwords.ts';
import { signIn } from '../support/admin-pages.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

describe('API tokens: made on the profile page, used against the running server', () => {
  const session = useServerAndBrowser();
  let db: pg.Client;
  const api = (path: string, token: string, init: RequestInit = {}) => fetch(`${session.server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    await db.query("INSERT INTO users (email, name, password_hash, roles) VALUES ('ada@acme.example', 'Ada Admin', $1, ARRAY['admin']::varchar[])", [await hashPassword('role password 1')]);
  });
  afterAll(() => db?.end());

  it('creates a token shown once, which reads and writes articles until it is revoked', async () => {
    const page = await signIn(session.browser, session.server, 'ada@acme.example', 'role password 1');
    await page.goto(`${session.server.url}/admin/profile`);
    await page.getByRole('link', { name: 'API tokens' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('API tokens');

    await page.getByLabel('Token name').fill('Docs sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('scopes: choose at least one scope');
    expect(await page.getByLabel('Token name').inputValue()).toBe('Docs sync');

    await page.getByRole('checkbox', { name: /articles:read/ }).check();
    await page.getByRole('checkbox', { name: /articles:write/ }).check();
    await page.getByLabel('Expires').selectOption({ label: 'in 30 days' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByLabel('Your new token').inputValue();
    expect(token).toMatch(/^dfl_/);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    const list = await api('/api/v1/articles?locale=en&limit=2', token);
    expect(list.status).toBe(200);
    expect(list.headers.get('ratelimit-limit')).toBe('600');
    const page1 = (await list.json()) as { data: Array<{ id: number; version: number; title: string }>; nextCursor: string };
    expect(page1.data).toHaveLength(2);
    const next = (await (await api(`/api/v1/articles?locale=en&limit=2&cursor=${page1.nextCursor}`, token)).json()) as { data: Array<{ id: number }> };
    expect(next.data[0]!.id).toBeGreaterThan(page1.data[1]!.id);

    const target = page1.data[0]!;
    const patched = await api(`/api/v1/articles/${target.id}`, token, { method: 'PATCH', body: JSON.stringify({ baseVersion: target.version, description: 'Updated by a script.' }) });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: target.id, version: target.version + 1, description: 'Updated by a script.' });
    const stale = await api(`/api/v1/articles/${target.id}`, token, { method: 'PATCH', body: JSON.stringify({ baseVersion: target.version, description: 'Lost update' }) });
    expect(stale.status).toBe(409);
    expect((await api('/api/v1/conversations', token)).status).toBe(403);

    await page.goto(`${session.server.url}/admin/profile/tokens`);
    expect(await page.getByRole('row', { name: /Docs sync/ }).textContent()).toContain(new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Revoke Docs sync' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Token revoked');
    expect((await api('/api/v1/articles', token)).status).toBe(401);
  });

  it('serves the OpenAPI document publicly', async () => {
    const response = await fetch(`${session.server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown>; servers: Array<{ url: string }> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/conversations/{id}/messages');
  });
});
