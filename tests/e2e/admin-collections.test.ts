import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/accounts/passwords.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

const XSS_TITLE = '<script>alert(1)</script><img src=x onerror=alert(1)>';
const XSS_DESCRIPTION = '<svg onload=alert(1)> and <img src=x onerror=alert(1)> and <script>alert(1)</script>';

describe('an author managing collections', () => {
  const session = useServerAndBrowser();
  let db: pg.Client;
  let context: BrowserContext;
  let page: Page;
  const url = (path: string) => `${session.server.url}${path}`;
  /** The collection tiles of the English home page, as a visitor sees them. */
  const homeTiles = async (visitor: Page) => {
    await visitor.goto(url('/en'));
    return visitor.locator('.tile__title').allTextContents();
  };
  /** The site hides collections without a published article: give one an article straight in the database (no event). */
  const publishArticleIn = async (collectionSlug: string, slug: string) => {
    await db.query(
      `INSERT INTO articles (locale, slug, collection_id, translation_key, title, body, html, status, published_at)
       SELECT 'en', $2::varchar, id, $2::varchar, 'Article ' || $2::varchar, 'Hello.', '<p>Hello.</p>', 'published', now() FROM collections WHERE locale = 'en' AND slug = $1`,
      [collectionSlug, slug],
    );
  };
  const axeViolations = async (target: Page) => (await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => `${target.url()} ${v.id}`);

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    await db.query("INSERT INTO users (email, name, password_hash, roles) VALUES ('tom@acme.example', 'Tom Author', $1, ARRAY['author']::varchar[])", [await hashPassword('tom writes docs')]);
    context = await session.browser.newContext();
    page = await context.newPage();
    await page.goto(url('/admin/login'));
    await page.getByLabel('Email').fill('tom@acme.example');
    await page.getByLabel('Password').fill('tom writes docs');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin');
  });
  afterAll(async () => {
    await context?.close();
    await db?.end();
  });

  it('creates a collection in the chosen place: the site home shows it at the next request, and reordering moves it there', async () => {
    const visitor = await session.browser.newPage();
    const before = await homeTiles(visitor);
    expect(before.slice(0, 3)).toEqual(['Getting started', 'Account & security', 'Settings']);

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Collections' }).click();
    await page.getByRole('link', { name: 'New collection in English' }).click();
    await page.getByLabel('Title').fill('Release notes');
    await page.getByLabel('Description').fill('What changed in each version.');
    await page.getByLabel('Icon (one emoji)').fill('📣');
    await page.getByLabel('Position on the home page').selectOption({ label: 'After “Getting started”' });
    await page.getByRole('button', { name: 'Create collection' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Created “Release notes”.');
    const english = page.getByRole('region', { name: 'English' });
    expect((await english.locator('tbody tr').nth(1).textContent())!).toMatch(/^2.*Release notes.*\/release-notes.*hidden on the site until an article is published.*Missing in Русский/);

    // Until it has a published article the site does not list it; the page cache was dropped by the change,
    // so the article added without any event of its own shows at once.
    await publishArticleIn('release-notes', 'version-2');
    expect(await homeTiles(visitor)).toEqual([before[0], 'Release notes', ...before.slice(1)]);
    expect(await visitor.locator('.tile', { hasText: 'Release notes' }).textContent()).toContain('What changed in each version.');
    await visitor.goto(url('/en/release-notes'));
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toContain('Release notes');

    await page.getByRole('button', { name: 'Move Release notes (en) down' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Moved down');
    expect(await homeTiles(visitor)).toEqual([before[0], before[1], 'Release notes', ...before.slice(2)]);
    await page.getByRole('button', { name: 'Move Release notes (en) up' }).click();
    await page.getByRole('button', { name: 'Move Release notes (en) up' }).click();
    expect(await homeTiles(visitor)).toEqual(['Release notes', ...before]);
    expect(await page.getByRole('button', { name: 'Move Release notes (en) up' }).isDisabled()).toBe(true);
    await visitor.close();
  });

  it('links a translation from either language; each collection then shows the other, and a replaced link shows as missing', async () => {
    await page.goto(url('/admin/collections/new?locale=ru'));
    await page.getByLabel('Title').fill('Что нового');
    await page.getByLabel('Translation in English').selectOption({ label: 'Release notes' });
    await page.getByRole('button', { name: 'Create collection' }).click();
    const row = (region: string, title: string) => page.getByRole('region', { name: region }).locator('tbody tr', { hasText: title });
    expect(await row('Русский', 'Что нового').textContent()).toContain('English: Release notes');
    expect(await row('English', 'Release notes').textContent()).toContain('Русский: Что нового');

    await row('English', 'Getting started').getByRole('link', { name: 'Getting started', exact: true }).click();
    const select = page.getByLabel('Translation in Русский');
    expect(await select.locator('option', { hasText: 'Что нового' }).textContent()).toBe('Что нового (now the translation of “Release notes”)');
    await select.selectOption({ label: 'Что нового (now the translation of “Release notes”)' });
    await page.getByRole('button', { name: 'Save collection' }).click();
    expect(await row('English', 'Getting started').textContent()).toContain('Русский: Что нового');
    expect(await row('English', 'Release notes').textContent()).toContain('Missing in Русский');
    expect(await row('Русский', 'Начало работы').textContent()).toContain('Missing in English');
  });

  it('refuses a reorder posted from another site (CSRF), even with the author’s cookie', async () => {
    const cookie = (await context.cookies()).find((c) => c.name === 'deflect_session')!;
    const { rows } = await db.query<{ id: number; position: number }>("SELECT id, position FROM collections WHERE locale = 'en' AND slug = 'billing'");
    const response = await fetch(url('/admin/collections'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', Cookie: `deflect_session=${cookie.value}` },
      body: `id=${rows[0]!.id}&direction=up`,
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect((await db.query("SELECT position FROM collections WHERE locale = 'en' AND slug = 'billing'")).rows[0]).toEqual({ position: rows[0]!.position });
  });

  it('refuses a slug taken in the language with a message at the field, keeping what was typed', async () => {
    await page.goto(url('/admin/collections/new?locale=en'));
    await page.getByLabel('Title').fill('Payments');
    await page.getByLabel('Slug').fill('billing');
    await page.getByLabel('Description').fill('Cards, invoices and refunds.');
    await page.getByLabel('Icon (one emoji)').fill('💶');
    await page.getByRole('button', { name: 'Create collection' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('slug: “billing” is already used by the collection “Billing & plans” in this language; choose another slug');
    expect(await page.getByLabel('Slug').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#slug-error').textContent()).toContain('already used');
    expect([await page.getByLabel('Title').inputValue(), await page.getByLabel('Slug').inputValue(), await page.getByLabel('Description').inputValue(), await page.getByLabel('Icon (one emoji)').inputValue()]).toEqual([
      'Payments',
      'billing',
      'Cards, invoices and refunds.',
      '💶',
    ]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses to delete a collection that has articles, deletes an empty one', async () => {
    await page.goto(url('/admin/collections'));
    await page.getByRole('link', { name: 'Billing & plans', exact: true }).first().click();
    await page.getByRole('button', { name: 'Delete collection' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/“Billing & plans” still has \d+ articles \(published or draft\)\. Move or delete them first/);

    await page.goto(url('/admin/collections/new?locale=en'));
    await page.getByLabel('Title').fill('Scratch');
    await page.getByRole('button', { name: 'Create collection' }).click();
    await page.getByRole('link', { name: 'Scratch', exact: true }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Delete collection' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Collection deleted.');
    expect(await page.getByRole('link', { name: 'Scratch', exact: true }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows HTML in a collection title and description as inert text, on the site and in the admin', async () => {
    const dialogs: string[] = [];
    context.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url('/admin/collections/new?locale=en'));
    await page.getByLabel('Title').fill(XSS_TITLE);
    await page.getByLabel('Slug').fill('xss');
    await page.getByLabel('Description').fill(XSS_DESCRIPTION);
    await page.getByLabel('Position on the home page').selectOption('top');
    await page.getByRole('button', { name: 'Create collection' }).click();
    expect(await page.getByRole('status').textContent()).toBe(`Created “${XSS_TITLE}”.`);
    await publishArticleIn('xss', 'harmless');

    const injected = (target: Page) =>
      target.evaluate(() => ({
        elements: document.querySelectorAll('img[src="x"], img[onerror], svg[onload]').length,
        scripts: [...document.scripts].filter((script) => script.textContent?.includes('alert(1)') && script.type !== 'application/ld+json').length,
      }));
    const visitor = await context.newPage();
    const pages: Array<[Page, string, string]> = [
      [page, '/admin/collections', 'tbody'],
      [page, '/admin/collections/new?locale=en', '#place'],
      [visitor, '/en', '.tiles'],
      [visitor, '/en/xss', '.page-head'],
      [visitor, '/en/xss/harmless', '.breadcrumbs'],
    ];
    for (const [target, path, container] of pages) {
      await target.goto(url(path));
      await target.waitForLoadState('networkidle');
      expect({ path, ...(await injected(target)) }).toEqual({ path, elements: 0, scripts: 0 });
      expect(await target.locator(container).first().textContent(), path).toContain(XSS_TITLE);
    }
    await visitor.goto(url('/en/xss'));
    expect(await visitor.title()).toBe(`${XSS_TITLE} · Acme Help`);
    await visitor.goto(url('/en'));
    expect(await visitor.locator('.tile').first().textContent()).toContain(XSS_DESCRIPTION);
    await page.goto(url('/admin/collections'));
    await page.getByRole('link', { name: XSS_TITLE }).click();
    expect(await page.getByLabel('Title').inputValue()).toBe(XSS_TITLE);
    expect(await page.getByLabel('Description').inputValue()).toBe(XSS_DESCRIPTION);
    expect(await injected(page)).toEqual({ elements: 0, scripts: 0 });
    expect(dialogs).toEqual([]);
    await visitor.close();
  });
});
