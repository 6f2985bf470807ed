import type pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import type { ServerProcess } from './server-process.ts';

/** Creates the first admin through the one-time link the server printed. Returns the signed-in page. */
export async function setUpFirstAdmin(browser: Browser, server: ServerProcess, account = { name: 'Ada Admin', email: 'ada@acme.example', password: 'a long passphrase' }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(/create the admin account at (\S+?)"/.exec(server.output())![1]!);
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel(/^Password/).fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/admin');
  return page;
}

/** Signs in through the login form in a new browser context. */
export async function signIn(browser: Browser, server: ServerProcess, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/admin/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/admin');
  return page;
}

/** Invites someone with the given role from the admin's Users page and returns the invitation link. */
export async function invite(adminPage: Page, email: string, role: 'author' | 'operator' | 'admin'): Promise<string> {
  await adminPage.getByRole('link', { name: 'Users' }).click();
  await adminPage.getByLabel('Email').fill(email);
  const roles = adminPage.getByRole('region', { name: 'Invite someone' }).getByRole('checkbox');
  for (const checkbox of await roles.all()) await checkbox.setChecked((await checkbox.getAttribute('value')) === role);
  await adminPage.getByRole('button', { name: 'Create invitation' }).click();
  return adminPage.getByLabel('Invitation link').inputValue();
}

/** Accepts an invitation in a new browser context; returns the signed-in page. */
export async function join(browser: Browser, link: string, name: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.waitForURL('**/admin');
  return page;
}

/**
 * A staff member made straight in the database with a session, signed in in a browser context of their own:
 * for tests about what staff do, not about signing in.
 */
export async function signedInStaff(browser: Browser, server: ServerProcess, db: pg.Client, user: { email: string; name: string; role: 'admin' | 'operator' }): Promise<Page> {
  const { rows } = await db.query<{ id: number }>('INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, NULL, ARRAY[$3]::varchar[]) RETURNING id', [user.email, user.name, user.role]);
  const token = randomToken();
  await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
  const context = await browser.newContext();
  await context.addCookies([{ name: 'deflect_session', value: token, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
  return context.newPage();
}
