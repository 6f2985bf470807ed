import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-session.ts';

type EventRow = { type: string; query: string | null; result_count: number | null; article_id: number | null; source: string | null };

/** A host site on another origin with the README's snippet; `script` holds its Deflect calls, made before the loader arrives. */
function startHostSite(helpCenter: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    const script = new URL(req.url ?? '/', 'http://localhost').searchParams.get('script') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme App</title></head><body><h1>Acme App</h1>
<script>window.Deflect = window.Deflect || function () { (Deflect.q = Deflect.q || []).push(arguments); }; ${script}</script>
<script async src="${helpCenter()}/embed.js"></script></body></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the widget home', () => {
  let hostSite: Server;
  beforeAll(async () => {
    hostSite = await startHostSite(() => session.server.url);
  });
  const hostOrigin = () => `http://localhost:${(hostSite.address() as AddressInfo).port}`;
  const session = useServerAndBrowser(() => ({ CHAT_ALLOWED_ORIGINS: hostOrigin() }));
  let db: pg.Client;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    // The most viewed article of the locale, before any page has asked for the popular list.
    await db.query("UPDATE articles SET view_count = 500 WHERE locale = 'en' AND slug = 'invoices'");
  });
  afterAll(async () => {
    await db?.end();
    hostSite?.close();
  });

  /** Opens a help-center page and the widget on it (the launcher hydrates when the browser is idle). */
  async function openHome(page: Page, path: string): Promise<void> {
    await page.goto(`${session.server.url}${path}`);
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByRole('dialog', { name: 'Help' }).waitFor();
  }
  const list = async (page: Page, heading: string) => {
    await page.getByRole('region', { name: heading }).waitFor();
    return page.getByRole('region', { name: heading }).getByRole('button').allTextContents();
  };
  const close = (page: Page) => page.getByRole('dialog').getByRole('button', { name: 'Close chat' }).click();

  /** Waits for a widget event like `expected`; the page is left first, so its batch goes with a beacon. */
  async function eventRecorded(page: Page, expected: Partial<EventRow> & { type: string }): Promise<EventRow> {
    if (page.url() !== 'about:blank') await page.goto('about:blank');
    for (let attempt = 0; attempt < 60; attempt++) {
      const { rows } = await db.query<EventRow>('SELECT type, query, result_count, article_id, source FROM help_center_events WHERE type = $1 ORDER BY id', [expected.type]);
      const found = rows.find((row) => Object.entries(expected).every(([key, value]) => row[key as keyof EventRow] === value));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no event like ${JSON.stringify(expected)}`);
  }
  const articleId = async (slug: string) => (await db.query<{ id: number }>("SELECT id FROM articles WHERE locale = 'en' AND slug = $1", [slug])).rows[0]!.id;

  const setMode = async (page: Page, mode: string) => {
    await page.goto(`${session.server.url}/admin/settings`);
    await page.getByLabel(mode).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').waitFor();
  };

  it('on an article page suggests what it links to and its collection, and lists popular articles', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await openHome(page, '/en/account/reset-password');
    // The search box has focus: the visitor can type at once.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    const suggested = await list(page, 'Suggested for this page');
    expect(suggested[0]).toBe("Emails from Acme aren't arriving");
    expect(suggested).toContain('Change your email address');
    expect(suggested).not.toContain('Reset your password');
    expect((await list(page, 'Popular articles'))[0]).toBe('Download invoices and receipts');
    const axe = await new AxeBuilder({ page }).include('.home-panel').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // Opened inside the widget; back returns to the home.
    await page.getByRole('region', { name: 'Suggested for this page' }).getByRole('button', { name: 'Change your email address' }).click();
    await page.getByRole('heading', { level: 3, name: 'Change your email address' }).waitFor();
    await page.locator('.chat-reader .article-body').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'Suggested for this page' }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Help' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Change your email address');

    await eventRecorded(page, { type: 'widget_article_open', source: 'page', article_id: await articleId('change-email') });
    await context.close();
  });

  it('searches the help center, opens a result inside the widget, and comes back to the same search', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await openHome(page, '/en');
    await page.getByRole('searchbox', { name: 'Search help articles' }).fill('refund');
    const result = page.getByRole('region', { name: 'Search results' }).getByRole('button', { name: /Request a refund/ });
    await result.click();
    await page.getByRole('heading', { level: 3, name: 'Request a refund' }).waitFor();
    await page.getByRole('button', { name: 'Back to help' }).click();
    expect(await page.getByRole('searchbox', { name: 'Search help articles' }).inputValue()).toBe('refund');
    await result.waitFor();

    // Nothing found says so, and nothing is lost from the box.
    await page.getByRole('searchbox', { name: 'Search help articles' }).fill('zzqxv nothing like this');
    await page.locator('p', { hasText: 'Nothing found for “zzqxv nothing like this”' }).waitFor();

    const search = await eventRecorded(page, { type: 'widget_search', query: 'refund' });
    expect(search.result_count).toBeGreaterThan(0);
    // The query left in the box counts too, with what it found.
    await eventRecorded(page, { type: 'widget_search', query: 'zzqxv nothing like this', result_count: 0 });
    await eventRecorded(page, { type: 'widget_article_open', source: 'search', article_id: await articleId('refunds') });
    await context.close();
  });

  it('follows the widget mode: articles only has no chat and no socket; articles first offers it after a search', async () => {
    const admin = await session.browser.newContext();
    const adminPage = await admin.newPage();
    await adminPage.goto(/create the admin account at (\S+?)"/.exec(session.server.output())![1]!);
    await adminPage.getByLabel('Your name').fill('Ada Admin');
    await adminPage.getByLabel('Email').fill('ada@acme.example');
    await adminPage.getByLabel(/^Password/).fill('a long passphrase');
    await adminPage.getByRole('button', { name: 'Create account' }).click();
    await adminPage.waitForURL('**/admin');

    await setMode(adminPage, 'Articles only (no chat)');
    const visitor = await session.browser.newContext();
    const page = await visitor.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    page.on('request', (request) => request.url().includes('/socket.io/') && sockets.push(request.url()));
    await openHome(page, '/en/billing');
    await page.getByRole('searchbox', { name: 'Search help articles' }).fill('invoice');
    await page.getByRole('region', { name: 'Search results' }).waitFor();
    expect(await page.getByRole('button', { name: /Send us a message|Chat with us$/ }).count()).toBe(1); // the launcher only
    expect(await page.getByRole('button', { name: /Send us a message|Still need help/ }).count()).toBe(0);
    await page.waitForTimeout(500);
    expect(sockets).toEqual([]);
    await close(page);

    await setMode(adminPage, 'Articles first (chat after a search or an article)');
    await openHome(page, '/en/billing');
    expect(await page.getByRole('button', { name: /Send us a message|Still need help/ }).count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Search help articles' }).fill('invoice');
    await page.getByRole('button', { name: 'Still need help? Chat with us' }).click();
    await page.getByRole('dialog', { name: 'Chat with the team' }).getByLabel('Your message').waitFor();
    // Reopened on the chat the visitor chose; the header's Home button leads back.
    await page.reload();
    await page.getByRole('dialog', { name: 'Chat with the team' }).getByRole('button', { name: 'Help home' }).click();
    await page.getByRole('dialog', { name: 'Help' }).waitFor();
    await close(page);

    await setMode(adminPage, 'Chat + articles');
    await openHome(page, '/en/billing');
    await page.getByRole('button', { name: 'Send us a message' }).click();
    await page.getByLabel('Your message').fill('Where is my invoice?');
    await page.getByLabel('Your message').press('Enter');
    await page.getByText('Sent', { exact: false }).first().waitFor();
    // A conversation going on is the visitor's to continue, whatever the mode says now.
    await setMode(adminPage, 'Articles only (no chat)');
    await page.reload();
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await page.getByRole('dialog', { name: 'Chat with the team' }).getByText('Where is my invoice?').waitFor();
    await setMode(adminPage, 'Chat + articles');
    await admin.close();
    await visitor.close();
  });

  it('opens an article or a search from the JS API, on a host site and on the help center', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    // Called before the loader arrives: queued, then run in order.
    await page.goto(`${hostOrigin()}/?${new URLSearchParams({ script: "Deflect('openArticle', 'refunds');" })}`);
    const frame = page.frameLocator('iframe[src*="/embed/frame"]');
    await frame.getByRole('heading', { level: 3, name: 'Request a refund' }).waitFor();
    await frame.getByRole('button', { name: 'Back to help' }).click();
    await frame.getByRole('dialog', { name: 'Help' }).getByRole('searchbox', { name: 'Search help articles' }).waitFor();

    await page.evaluate(() => (window as unknown as { Deflect: (...args: unknown[]) => void }).Deflect('search', 'invoice'));
    await frame.getByRole('region', { name: 'Search results' }).getByRole('button', { name: /Download invoices/ }).waitFor();
    expect(await frame.getByRole('searchbox', { name: 'Search help articles' }).inputValue()).toBe('invoice');

    // The help center's own pages take the same calls; a malformed one changes nothing and says why.
    const warnings: string[] = [];
    const helpPage = await context.newPage();
    helpPage.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
    await helpPage.goto(`${session.server.url}/en`);
    await helpPage.evaluate(() => (window as unknown as { Deflect: (...args: unknown[]) => void }).Deflect('openArticle', ''));
    await helpPage.evaluate(() => (window as unknown as { Deflect: (...args: unknown[]) => void }).Deflect('openArticle', 'invoices'));
    await helpPage.getByRole('heading', { level: 3, name: 'Download invoices and receipts' }).waitFor();
    expect(warnings.some((w) => w.startsWith('Deflect: openArticle:'))).toBe(true);
    await eventRecorded(helpPage, { type: 'widget_article_open', source: 'api', article_id: await articleId('invoices') });
    await context.close();
  });
});
