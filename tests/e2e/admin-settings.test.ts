import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-session.ts';

describe('an admin running the help center', () => {
  const session = useServerAndBrowser();
  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto(`${session.server.url}/admin/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin');
  };

  it('sets up, changes the branding, sees it live on the site, and finds it in the audit log', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(/create the admin account at (\S+?)"/.exec(session.server.output())![1]!);
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Email').fill('ada@acme.example');
    await page.getByLabel(/^Password/).fill('a long passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/admin');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Help center name').fill('Globex Support');
    await page.getByLabel('Accent colour').fill('#ffee00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('too light');

    await page.getByLabel('Accent colour').fill('#0f766e');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Saved');

    const home = await (await fetch(`${session.server.url}/en`)).text();
    expect(home).toContain('<title>Globex Support</title>');
    expect(home).toContain('--accent: #0f766e');

    await page.getByRole('link', { name: 'Audit log' }).click();
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows.some((row) => row.includes('settings.update') && row.includes('ada@acme.example'))).toBe(true);
    expect(rows.some((row) => row.includes('auth.setup'))).toBe(true);
    await context.close();
  });

  it('invites an author, who joins with the link and sees only what authors may use', async () => {
    const adminContext = await session.browser.newContext();
    const page = await adminContext.newPage();
    await signIn(page, 'ada@acme.example', 'a long passphrase');
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Email').fill('maria.lopez@acme.example');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const link = await page.getByLabel('Invitation link').inputValue();
    for (const path of ['/admin/users', '/admin/settings', '/admin/articles', '/admin/audit', '/admin/reports/content-gaps']) {
      await page.goto(`${session.server.url}${path}`);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${path} ${v.id}`)).toEqual([]);
    }
    expect(link).toMatch(/\/admin\/join\?token=/);

    const authorContext = await session.browser.newContext();
    const authorPage = await authorContext.newPage();
    await authorPage.goto(link);
    expect(await authorPage.getByRole('heading', { level: 1 }).textContent()).toBe('Join as author');
    await authorPage.getByLabel('Your name').fill('Maria Lopez');
    await authorPage.getByLabel(/^Password/).fill('maria writes docs');
    await authorPage.getByRole('button', { name: 'Create my account' }).click();
    await authorPage.waitForURL('**/admin');
    const nav = await authorPage.getByRole('navigation', { name: 'Admin' }).textContent();
    expect(nav).toContain('Content gaps');
    expect(nav).not.toContain('Settings');
    expect((await authorPage.goto(`${session.server.url}/admin/settings`))?.status()).toBe(403);
    expect((await authorPage.goto(link))?.status()).toBe(410);
    await authorContext.close();
    await adminContext.close();
  });

  it('unpublishes and republishes an article: the site and the search box follow at once', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'ada@acme.example', 'a long passphrase');
    await page.getByRole('link', { name: 'Articles' }).click();
    await page.getByLabel('Title contains').fill('Reset your password');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: 'Unpublish Reset your password (en)' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Unpublished');
    const searchUrls = async () => ((await (await fetch(`${session.server.url}/api/search?q=reset%20password&locale=en`)).json()) as { hits: Array<{ url: string }> }).hits.map((h) => h.url);
    expect((await fetch(`${session.server.url}/en/account/reset-password`)).status).toBe(404);
    await expect.poll(searchUrls, { timeout: 1_000 }).not.toContain('/en/account/reset-password');

    await page.getByRole('button', { name: 'Publish Reset your password (en)' }).click();
    expect((await fetch(`${session.server.url}/en/account/reset-password`)).status).toBe(200);
    await expect.poll(searchUrls, { timeout: 1_000 }).toContain('/en/account/reset-password');
    await page.getByRole('link', { name: 'Audit log' }).click();
    expect(await page.locator('tbody').textContent()).toContain('Unpublished "Reset your password" (en)');
    await context.close();
  });

  it('lists content gaps from settled searches', async () => {
    const entry = { sessionId: '5b8c2b38-3a63-4d38-9a4e-2c1f2b0fdc10', locale: 'en', query: 'export invoices to quickbooks', resultCount: 0 };
    await fetch(`${session.server.url}/api/search/log`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(entry) });
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'ada@acme.example', 'a long passphrase');
    await page.getByRole('link', { name: 'Content gaps' }).click();
    expect(await page.locator('tbody').textContent()).toContain('export invoices to quickbooks');
    const json = await page.evaluate(async () => (await fetch('/admin/api/content-gaps?locale=en&days=7')).json());
    expect(json.gaps[0]).toMatchObject({ query: 'export invoices to quickbooks', failed: 1, uniqueVisitors: 1 });
    // The gap becomes a draft to write: the customers' own words as the starting title.
    await page.getByRole('link', { name: 'Write an article for “export invoices to quickbooks”' }).click();
    expect(await page.getByLabel('Title').inputValue()).toBe('export invoices to quickbooks');
    expect(await page.getByLabel('Language').inputValue()).toBe('en');
    await context.close();
  });
});
