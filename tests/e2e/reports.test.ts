import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { connectClient, request, type ClientSocket } from '../support/chat-harness.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

type Role = 'admin' | 'author' | 'operator';

const PERSON = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

/** The number under a key-number label of a report page ("Conversations" → "1"). */
async function keyNumber(page: Page, label: string): Promise<string> {
  return page.locator('.report-numbers > div').filter({ has: page.getByRole('term').getByText(label, { exact: true }) }).getByRole('definition').first().innerText();
}

describe('reports: a visitor’s month in numbers and charts', () => {
  const session = useServerAndBrowser();
  const contexts: BrowserContext[] = [];
  const sockets: ClientSocket[] = [];
  const cookies = {} as Record<Role, string>;
  let db: pg.Client;

  /** A browser signed in as a staff member of that role (a session made directly in the database). */
  const staffPage = async (role: Role): Promise<Page> => {
    const context = await session.browser.newContext();
    contexts.push(context);
    await context.addCookies([{ name: 'deflect_session', value: cookies[role], url: session.server.url, httpOnly: true, sameSite: 'Lax' }]);
    return context.newPage();
  };

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    for (const role of ['admin', 'author', 'operator'] as const) {
      const { rows } = await db.query<{ id: number }>('INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, NULL, ARRAY[$3]::varchar[]) RETURNING id', [`${role}@acme.example`, `${role} person`, role]);
      cookies[role] = randomToken();
      await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(cookies[role]), rows[0]!.id]);
    }
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const context of contexts) await context.close();
    await db?.end();
  });

  it('a visitor reads, searches, reacts and chats; the operator answers and closes; the visitor rates', async () => {
    // Headless Chromium says so in its user agent, and crawlers are not visitors: this one browses as a person.
    const context = await session.browser.newContext({ userAgent: PERSON });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${session.server.url}/en`);
    // A search that finds the article, opened from the suggestions…
    const box = () => page.getByRole('combobox', { name: 'Search the help center' }).first();
    await box().pressSequentially('reset password', { delay: 30 });
    await page.getByRole('option', { name: /Reset your password/ }).first().click();
    await page.waitForURL('**/en/account/reset-password');
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    // …then one that finds nothing, left to settle so it is logged.
    await box().pressSequentially('quantum flux capacitor', { delay: 20 });
    await page.waitForTimeout(2_000);
    await box().fill('');
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await db.query('SELECT 1 FROM search_queries')).rowCount, { timeout: 5_000 }).toBe(2);

    await page.locator('.article-feedback').scrollIntoViewIfNeeded();
    await page.locator('astro-island[component-url*="ArticleFeedback"]:not([ssr])').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: "No, it didn't" }).click();
    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    await page.getByLabel('Your message').fill('The reset email never arrives');
    await page.getByLabel('Your message').press('Enter');
    const conversationOfMessage = async () => (await db.query<{ id: number }>("SELECT conversation_id AS id FROM messages WHERE body = 'The reset email never arrives'")).rows[0]?.id;
    await expect.poll(conversationOfMessage, { timeout: 5_000 }).toBeTypeOf('number');
    const conversationId = (await conversationOfMessage())!;

    const admin = await connectClient(session.server.url, '/agent', { cookie: `deflect_session=${cookies.admin}` });
    sockets.push(admin);
    expect(await request(admin, 'message:send', { conversationId, clientId: randomUUID(), body: 'Check your spam folder, please.', kind: 'text' })).toMatchObject({ ok: true });
    expect(await request(admin, 'conversation:close', { conversationId })).toMatchObject({ ok: true });
    const prompt = dialog.getByRole('group', { name: 'How was the conversation?' });
    await prompt.getByRole('radio', { name: 'Great' }).check();
    await dialog.getByRole('button', { name: 'Send rating' }).click();
    await dialog.getByRole('status').getByText('Thank you for your rating!', { exact: false }).waitFor();
  });

  it('the dashboard shows those numbers, and its charts draw with a table behind "Show as table"', async () => {
    const page = await staffPage('admin');
    // Page views are written in batches every few seconds: wait for the visit to land.
    await expect
      .poll(
        async () => {
          await page.goto(`${session.server.url}/admin/reports?period=7`);
          return page.locator('.chart').filter({ hasText: 'Deflection funnel' }).locator('tbody tr').first().locator('td').first().textContent();
        },
        { timeout: 20_000 },
      )
      .toBe('1');
    expect(await keyNumber(page, 'Conversations')).toBe('1');
    expect(await keyNumber(page, 'CSAT')).toBe('100%');
    expect(await keyNumber(page, 'First reply (median)')).toMatch(/^\d+ (s|min)$/);

    const charts = page.locator('figure.chart');
    expect(await charts.count()).toBe(2);
    for (const chart of await charts.all()) {
      const image = chart.getByRole('img');
      expect(await image.getAttribute('aria-label')).toBeTruthy();
      expect(await chart.locator('svg path, svg rect').count()).toBeGreaterThan(0);
    }
    const byDay = charts.filter({ hasText: 'Conversations by day' });
    expect(await byDay.getByRole('img').getAttribute('aria-label')).toMatch(/Conversations: peak 1 on \d{4}-\d{2}-\d{2}, 1 in all\./);
    const table = byDay.getByRole('table', { name: 'Conversations by day' });
    expect(await table.isVisible()).toBe(false);
    await byDay.getByText('Show as table').click();
    expect(await table.isVisible()).toBe(true);
    // Seven days, each a row, quiet days included; the day of the chat has its one conversation.
    expect(await table.locator('tbody tr').count()).toBe(7);
    expect(await table.locator('tbody td').allInnerTexts()).toContain('1');
  });

  it('the help-center and chat reports show the searches, the 😞 article and the operator; filters change the numbers', async () => {
    const page = await staffPage('admin');
    await page.goto(`${session.server.url}/admin/reports/help-center?period=7`);
    expect(await keyNumber(page, 'Searches')).toBe('2');
    expect(await keyNumber(page, 'Searches without results')).toBe('1');
    const sad = page.locator('figure.chart').filter({ hasText: 'Articles with the most 😞' });
    await sad.getByText('Show as table').click();
    expect(await sad.getByRole('table').locator('tbody tr').first().innerText()).toMatch(/Reset your password\s+1/);

    // The same report in Russian: nothing happened there.
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/locale=ru/);
    expect(await keyNumber(page, 'Searches')).toBe('0');

    await page.goto(`${session.server.url}/admin/reports/chat?period=7`);
    expect(await keyNumber(page, 'Conversations')).toBe('1');
    const heatmap = page.locator('figure.chart').filter({ hasText: 'When conversations start' });
    expect(await heatmap.locator('svg rect').count()).toBe(7 * 24);
    // The chart's table is in the page even while folded away.
    expect(await page.locator('figure.chart').filter({ hasText: 'CSAT by operator' }).locator('table tbody').textContent()).toContain('admin person (1 rating)100%');
    // A period before the chat: no conversations, and the URL says so for whoever it is shared with.
    await page.getByLabel('Period').selectOption('custom');
    await page.getByLabel(/^From/).fill('2025-01-01');
    await page.getByLabel(/^To/).fill('2025-01-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/from=2025-01-01/);
    expect(await keyNumber(page, 'Conversations')).toBe('0');
    expect(await keyNumber(page, 'First reply (median)')).toBe('–');
  });

  it('exports each report as CSV: BOM, header, rows, and the period in the filename', async () => {
    const page = await staffPage('admin');
    const response = await page.request.get(`${session.server.url}/admin/reports/chat.csv?period=7&table=byDay`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="deflect-chat-byDay-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = (await response.body()).toString('utf8');
    expect(text.startsWith('\uFEFFday,conversations\r\n')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(2);

    // The page's own download link carries the filters.
    await page.goto(`${session.server.url}/admin/reports/help-center?period=7&locale=en`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('navigation', { name: 'Download as CSV' }).getByRole('link').first().click()]);
    expect(download.suggestedFilename()).toMatch(/^deflect-help-center-totals-.*\.csv$/);
    expect(download.url()).toContain('locale=en');
  });

  it('a bad period gets a clear message, not an error page; the CSV says the same', async () => {
    const page = await staffPage('admin');
    const response = await page.goto(`${session.server.url}/admin/reports?period=custom&from=2026-02-30&to=2026-03-01`);
    expect(response?.status()).toBe(400);
    expect(await page.getByRole('alert').innerText()).toContain('From: that day does not exist');
    // What was typed stays in the form, to be corrected.
    expect(await page.getByLabel(/^To/).inputValue()).toBe('2026-03-01');
    const csv = await page.request.get(`${session.server.url}/admin/reports/chat.csv?period=custom&from=2026-03-10&to=2026-03-01`);
    expect(csv.status()).toBe(400);
    expect(await csv.text()).toContain('To: the end date is before the start date');
  });

  it('an author sees the help-center reports but is refused the per-operator chat report; an operator gets no reports', async () => {
    const author = await staffPage('author');
    expect((await author.goto(`${session.server.url}/admin/reports/help-center`))?.status()).toBe(200);
    expect(await author.getByRole('navigation', { name: 'Reports' }).getByRole('link').allInnerTexts()).not.toContain('Chat');
    expect((await author.goto(`${session.server.url}/admin/reports/chat`))?.status()).toBe(403);
    expect((await author.request.get(`${session.server.url}/admin/reports/chat.csv?period=7`)).status()).toBe(403);
    const operator = await staffPage('operator');
    expect((await operator.goto(`${session.server.url}/admin/reports`))?.status()).toBe(403);
    expect((await operator.request.get(`${session.server.url}/admin/reports/dashboard.csv`)).status()).toBe(403);
  });
});
