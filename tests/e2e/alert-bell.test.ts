import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../support/admin-pages.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

describe('the alerts bell: a team lead hears about a 😞 live', () => {
  const session = useServerAndBrowser();
  let db: pg.Client;
  let admin: Page;
  let lena: Page;
  const url = (path: string) => `${session.server.url}${path}`;
  const bell = (page: Page) => page.locator('.alert-bell-button');

  const staffPage = (email: string, name: string, role: 'admin' | 'operator') => signedInStaff(session.browser, session.server, db, { email, name, role });

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    admin = await staffPage('ada@acme.example', 'Ada Admin', 'admin');
    lena = await staffPage('lena@acme.example', 'Lena Lead', 'operator');
  });
  afterAll(async () => {
    await db?.end();
  });

  it('an admin makes Lena the default team’s lead; a visitor’s 😞 lights her bell live; she opens it by keyboard and marks it read', async () => {
    const { rows } = await db.query<{ id: number }>('SELECT id FROM teams WHERE is_default');
    await admin.goto(url(`/admin/teams/${rows[0]!.id}`));
    const leadBox = admin.getByRole('checkbox', { name: 'Lead', description: 'Lena Lead' });
    await leadBox.check();
    await admin.getByRole('button', { name: 'Save members' }).click();
    // Lead without being a member: refused, next to the field, with what was ticked kept.
    expect(await admin.locator('#leads-error').textContent()).toBe('a lead must also be a member: tick both');
    expect(await leadBox.isChecked()).toBe(true);
    await admin.getByRole('checkbox', { name: 'Lena Lead' }).check();
    await admin.getByRole('button', { name: 'Save members' }).click();
    expect(await admin.getByRole('status').filter({ hasText: 'Members saved.' }).count()).toBe(1);
    expect(await admin.getByRole('checkbox', { name: 'Lead', description: 'Lena Lead' }).isChecked()).toBe(true);

    await lena.goto(url('/admin/inbox'));
    await lena.locator('.alert-bell[data-live="true"]').waitFor();
    expect(await bell(lena).getAttribute('aria-label')).toBe('Alerts, none unread');

    const visitor = await (await session.browser.newContext()).newPage();
    await visitor.goto(url('/en/account/reset-password'));
    await visitor.locator('.article-feedback').scrollIntoViewIfNeeded();
    await visitor.locator('astro-island[component-url*="ArticleFeedback"]:not([ssr])').waitFor({ state: 'attached' });
    await visitor.getByRole('button', { name: "No, it didn't" }).click();
    const title = (await visitor.locator('h1').first().textContent())!.trim();
    await visitor.context().close();

    await expect.poll(() => bell(lena).getAttribute('aria-label'), { timeout: 10_000 }).toBe('Alerts, 1 unread');
    expect(await lena.locator('.alert-bell-count').textContent()).toBe('1');

    await bell(lena).focus();
    await lena.keyboard.press('Enter');
    const panel = lena.getByRole('region', { name: 'Alerts' });
    await panel.waitFor();
    const link = panel.getByRole('link', { name: `😞 on “${title}”` });
    expect(await link.getAttribute('href')).toMatch(/^\/admin\/articles\/\d+$/);
    expect((await new AxeBuilder({ page: lena }).include('.alert-bell').withTags(['wcag2a', 'wcag2aa']).analyze()).violations.map((v) => v.id)).toEqual([]);
    await panel.getByRole('button', { name: `Mark read: 😞 on “${title}”` }).click();
    await expect.poll(() => bell(lena).getAttribute('aria-label')).toBe('Alerts, none unread');
    await lena.keyboard.press('Escape');
    expect(await panel.isHidden()).toBe(true);
    expect(await lena.evaluate(() => document.activeElement?.className ?? '')).toContain('alert-bell-button');
    // Opened again, a click elsewhere on the page puts it away too.
    await bell(lena).click();
    await panel.waitFor();
    await lena.locator('main').click({ position: { x: 5, y: 5 } });
    await panel.waitFor({ state: 'hidden' });

    // Read stays read; pages without a socket show the bell as the server has it.
    await lena.goto(url('/admin/profile'));
    expect(await bell(lena).getAttribute('aria-label')).toBe('Alerts, none unread');
    expect(await lena.locator('.alert-bell[data-live]').count()).toBe(0);
  });

  it('refuses a malformed mark-read request clearly, and changes nothing', async () => {
    await db.query("INSERT INTO notifications (user_id, kind, article_id, text) SELECT u.id, 'article_sad', (SELECT min(id) FROM articles), 'x' FROM users u WHERE u.email = 'lena@acme.example'");
    await lena.goto(url('/admin/profile'));
    expect(await bell(lena).getAttribute('aria-label')).toBe('Alerts, 1 unread');
    for (const body of [{ id: 'seven' }, { all: false }, {}]) {
      const answer = await lena.request.post(url('/admin/api/notifications'), { data: body });
      expect(answer.status()).toBe(400);
      expect(await answer.json()).toEqual({ error: { code: 'invalid_request', message: expect.stringContaining('send {"id": <alert id>} or {"all": true}') } });
    }
    const { unread } = (await (await lena.request.get(url('/admin/api/notifications'))).json()) as { unread: number };
    expect(unread).toBe(1);
  });
});
