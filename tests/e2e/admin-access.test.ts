import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/accounts/passwords.ts';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

/** Every admin route and API, and what each kind of visitor gets: 200, 403, or 303/401 to sign in (public pages: 200, 410). */
const matrix: Record<string, Record<'anonymous' | 'admin' | 'author' | 'operator', number>> = {
  '/admin': { anonymous: 303, admin: 200, author: 200, operator: 200 },
  '/admin/users': { anonymous: 303, admin: 200, author: 403, operator: 403 },
  '/admin/articles': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/articles/new': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/articles/1': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/articles/1/history': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/collections': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/collections/new': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  // The first collection of the sample, imported at start.
  '/admin/collections/1': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/inbox': { anonymous: 303, admin: 200, author: 403, operator: 200 },
  '/admin/saved-replies': { anonymous: 303, admin: 200, author: 403, operator: 200 },
  '/admin/saved-replies/new': { anonymous: 303, admin: 200, author: 403, operator: 200 },
  '/admin/profile': { anonymous: 303, admin: 200, author: 200, operator: 200 },
  '/admin/profile/tokens': { anonymous: 303, admin: 200, author: 200, operator: 200 },
  '/admin/settings': { anonymous: 303, admin: 200, author: 403, operator: 403 },
  '/admin/teams': { anonymous: 303, admin: 200, author: 403, operator: 403 },
  // The default team, created by the teams migration.
  '/admin/teams/1': { anonymous: 303, admin: 200, author: 403, operator: 403 },
  '/admin/audit': { anonymous: 303, admin: 200, author: 403, operator: 403 },
  '/admin/reports/content-gaps': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/api/content-gaps': { anonymous: 401, admin: 200, author: 200, operator: 403 },
  '/admin/reports': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/reports/help-center': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/reports/deflection': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  // Response times, CSAT and load per operator: admins only.
  '/admin/reports/chat': { anonymous: 303, admin: 200, author: 403, operator: 403 },
  '/admin/reports/dashboard.csv': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/reports/chat.csv': { anonymous: 303, admin: 200, author: 403, operator: 403 },
  // Public: asking for a reset link, and the reset page (410 without a valid link) are open to anyone.
  '/admin/forgot': { anonymous: 200, admin: 200, author: 200, operator: 200 },
  '/admin/reset': { anonymous: 410, admin: 410, author: 410, operator: 410 },
};

/** The admin's JSON APIs that change something, posted same-origin: who gets what. */
const postMatrix: Record<string, { body: string; expected: Record<'anonymous' | 'admin' | 'author' | 'operator', number> }> = {
  '/admin/api/preview': { body: JSON.stringify({ body: '# Hi' }), expected: { anonymous: 401, admin: 200, author: 200, operator: 403 } },
  '/admin/api/articles/1/autosave': { body: JSON.stringify({ baseVersion: 1, title: 'T', description: '', body: 'b', tags: '' }), expected: { anonymous: 401, admin: 200, author: 200, operator: 403 } },
  // An empty body: allowed callers get past the guard to the "send the image" error.
  '/admin/api/images': { body: '', expected: { anonymous: 401, admin: 400, author: 400, operator: 403 } },
  // Without the ticked confirmation even an admin rotates nothing.
  '/admin/settings/identity-key': { body: '', expected: { anonymous: 401, admin: 400, author: 403, operator: 403 } },
};

describe('admin access', () => {
  // An empty database: the server migrates it on start, exactly as on a first `npm start`.
  const session = useServerAndBrowser({ FRESH_DATABASE: 'true' });

  it('first run: the printed one-time link creates the admin, who is signed in; the link then stops working', async () => {
    const link = /create the admin account at (\S+?)"/.exec(session.server.output())?.[1];
    expect(link).toMatch(/\/admin\/setup\?token=[\w-]{40,}$/);
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(link!);
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Email').fill('ada@acme.example');
    await page.getByLabel(/^Password/).fill('short');
    // Past the browser's own checks (minlength), the server validates too.
    await page.locator('form').evaluate((form: HTMLFormElement) => (form.noValidate = true));
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('password: use at least 10 characters');
    await page.getByLabel(/^Password/).fill('a long passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/admin');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome, Ada Admin');
    const cookie = (await context.cookies()).find((c) => c.name === 'deflect_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/admin/login');
    expect((await page.goto(link!))?.status()).toBe(410);
    await context.close();
  });

  it('sends visitors without a session to the login page and back after signing in', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.getByLabel('Email').fill('ada@acme.example');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('do not match');
    await page.getByLabel('Password').fill('a long passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin');
    await context.close();
  });

  it('refuses a cross-site form post (CSRF)', async () => {
    const response = await fetch(`${session.server.url}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: 'email=ada%40acme.example&password=a+long+passphrase',
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  describe('role × route matrix', () => {
    const cookies: Record<string, string> = {};
    let client: pg.Client;
    beforeAll(async () => {
      client = new pg.Client({ connectionString: session.server.databaseUrl });
      await client.connect();
      const hash = await hashPassword('role password 1');
      for (const role of ['admin', 'author', 'operator']) {
        const { rows } = await client.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, $3, ARRAY[$4]::varchar[]) RETURNING id", [`${role}@matrix.example`, role, hash, role]);
        const token = randomToken();
        await client.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
        cookies[role] = `deflect_session=${token}`;
      }
    });
    afterAll(() => client?.end());

    it.each(['anonymous', 'admin', 'author', 'operator'] as const)('%s', async (who) => {
      for (const [route, expected] of Object.entries(matrix)) {
        const response = await fetch(`${session.server.url}${route}`, { redirect: 'manual', headers: cookies[who] ? { Cookie: cookies[who] } : {} });
        expect(`${route} ${response.status}`).toBe(`${route} ${expected[who]}`);
        if (response.status === 303) expect(response.headers.get('location')).toBe(`/admin/login?next=${encodeURIComponent(route)}`);
      }
      for (const [route, { body, expected }] of Object.entries(postMatrix)) {
        const headers = { 'Content-Type': 'application/json', Origin: session.server.url, ...(cookies[who] ? { Cookie: cookies[who] } : {}) };
        const response = await fetch(`${session.server.url}${route}`, { method: 'POST', body, headers });
        expect(`POST ${route} ${response.status}`).toBe(`POST ${route} ${expected[who]}`);
      }
    });

    it('refuses a cross-site JSON or upload request even with a valid session (CSRF)', async () => {
      for (const origin of ['https://evil.example', 'null']) {
        const response = await fetch(`${session.server.url}/admin/api/articles/1/autosave`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: cookies.admin! },
          body: JSON.stringify({ baseVersion: 1, title: 'Defaced', description: '', body: 'x', tags: '' }),
        });
        expect(response.status).toBe(403);
      }
      const noOrigin = await fetch(`${session.server.url}/admin/api/images`, { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site', Cookie: cookies.admin! }, body: 'x' });
      expect(noOrigin.status).toBe(403);
    });
  });
});
