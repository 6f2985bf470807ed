import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-session.ts';

describe('an admin running the help center', () => {
  const session = useServerAndBrowser();

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

  it('lists content gaps from settled searches', async () => {
    const entry = { sessionId: '5b8c2b38-3a63-4d38-9a4e-2c1f2b0fdc10', locale: 'en', query: 'export invoices to quickbooks', resultCount: 0 };
    await fetch(`${session.server.url}/api/search/log`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(entry) });
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/admin/login`);
    await page.getByLabel('Email').fill('ada@acme.example');
    await page.getByLabel('Password').fill('a long passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin');
    await page.getByRole('link', { name: 'Content gaps' }).click();
    expect(await page.locator('tbody').textContent()).toContain('export invoices to quickbooks');
    const json = await page.evaluate(async () => (await fetch('/admin/api/content-gaps?locale=en&days=7')).json());
    expect(json.gaps[0]).toMatchObject({ query: 'export invoices to quickbooks', failed: 1, uniqueVisitors: 1 });
    await context.close();
  });
});
