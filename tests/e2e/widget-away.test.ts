import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

describe('widget: the team is away, the visitor leaves an email', () => {
  const session = useServerAndBrowser();
  let db: pg.Client;
  let admin: Page;
  const url = (path: string) => `${session.server.url}${path}`;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ('ada@acme.example', 'Ada Admin', NULL, ARRAY['admin']::varchar[]) RETURNING id");
    const token = randomToken();
    await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
    const context = await session.browser.newContext();
    await context.addCookies([{ name: 'deflect_session', value: token, url: session.server.url, httpOnly: true, sameSite: 'Lax' }]);
    admin = await context.newPage();
  });
  afterAll(async () => {
    await db?.end();
  });

  it('closed today: the visitor sees when the team is back on their own clock, gets the email field open, and the address is kept', async () => {
    // The default team (UTC) is open round the clock every day but closed all of today: it opens at the next UTC midnight.
    const today = new Date().toISOString().slice(0, 10);
    await admin.goto(url('/admin/teams'));
    await admin.getByRole('link', { name: 'Support' }).click();
    await admin.getByLabel('Always open (no schedule)').uncheck();
    for (const day of WEEKDAYS) {
      await admin.getByLabel(`${day}, interval 1, from`).fill('00:00');
      await admin.getByLabel(`${day}, interval 1, until`).fill('24:00');
    }
    await admin.getByLabel('Closure 1, from').fill(today);
    await admin.getByLabel('Closure 1, to').fill(today);
    await admin.getByLabel('Closure 1, label').fill('Team day');
    await admin.getByRole('button', { name: 'Save team' }).click();
    expect(await admin.getByRole('status').textContent()).toBe('Saved.');

    // A visitor in Berlin: UTC midnight is 1:00 AM there (today already, if Berlin has passed midnight first).
    const context = await session.browser.newContext({ timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await page.goto(url('/en'));
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByRole('button', { name: 'Send us a message' }).click();
    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    const status = dialog.getByRole('status').filter({ hasText: /away/ });
    await status.waitFor();
    expect((await status.textContent())?.replace(/\u202f/g, ' ')).toMatch(/^We’re away — back (today|tomorrow) at 1:00 AM$/);

    // The email field is unfolded, with the prompt, without a click.
    const field = dialog.getByLabel('Get replies by email', { exact: true }).and(dialog.getByRole('textbox'));
    expect(await field.isVisible()).toBe(true);
    expect(await dialog.getByText('Leave your email and we’ll answer there.').isVisible()).toBe(true);
    expect(await new AxeBuilder({ page }).include('.chat-panel').withTags(['wcag2a', 'wcag2aa']).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);

    // A typo is refused and kept in the field to be corrected; nothing is stored.
    await field.fill('ann@');
    await dialog.getByRole('button', { name: 'Save address' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'That is not an email address. Check it and try again.' }).waitFor();
    expect(await field.inputValue()).toBe('ann@');
    expect((await db.query('SELECT count(*)::int AS n FROM visitors WHERE email IS NOT NULL')).rows[0].n).toBe(0);

    await field.fill('ann@example.com');
    await dialog.getByRole('button', { name: 'Save address' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Replies you miss go to ann@example.com.' }).first().waitFor();
    const { rows } = await db.query<{ email: string; time_zone: string }>('SELECT email, time_zone FROM visitors WHERE email IS NOT NULL');
    expect(rows).toEqual([{ email: 'ann@example.com', time_zone: 'Europe/Berlin' }]);

    // Next time, the kept address is shown instead of the prompt.
    await page.reload();
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    if (!(await dialog.isVisible())) await page.getByRole('button', { name: /^Chat with us/ }).click();
    await status.waitFor();
    expect(await dialog.getByText('Replies you miss go to ann@example.com.').first().isVisible()).toBe(true);
    expect(await field.isVisible()).toBe(false);
    await context.close();
  });
});
