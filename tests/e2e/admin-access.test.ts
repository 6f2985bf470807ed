import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/accounts/passwords.ts';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

/** Every admin route and API, and what each kind of visitor gets: 200, 403, or 303/401 to sign in. */
const matrix: Record<string, Record<'anonymous' | 'admin' | 'author' | 'operator', number>> = {
  '/admin': { anonymous: 303, admin: 200, author: 200, operator: 200 },
  '/admin/users': { anonymous: 303, admin: 200, author: 403, operator: 403 },
  '/admin/articles': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/collections': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/collections/new': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  // The first collection of the sample, imported at start.
  '/admin/collections/1': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/profile': { anonymous: 303, admin: 200, author: 200, operator: 200 },
  '/admin/settings': { anonymous: 303, admin: 200, author: 403, operator: 403 },
  '/admin/audit': { anonymous: 303, admin: 200, author: 403, operator: 403 },
  '/admin/reports/content-gaps': { anonymous: 303, admin: 200, author: 200, operator: 403 },
  '/admin/api/content-gaps': { anonymous: 401, admin: 200, author: 200, operator: 403 },
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
    });
  });
});
