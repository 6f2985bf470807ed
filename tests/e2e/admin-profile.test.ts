import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/accounts/passwords.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

describe('a staff member’s profile', () => {
  const session = useServerAndBrowser();
  let db: pg.Client;
  const url = (path: string) => `${session.server.url}${path}`;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    const hash = await hashPassword('role password 1');
    // Maria Lopez writes articles (authors.yml of the sample); her account is linked to her author.
    await db.query(
      "INSERT INTO users (email, name, password_hash, roles, author_id) SELECT 'maria.lopez@acme.example', 'Maria Lopez', $1, ARRAY['author']::varchar[], id FROM authors WHERE email = 'maria.lopez@acme.example'",
      [hash],
    );
    await db.query("INSERT INTO users (email, name, password_hash, roles) VALUES ('ada@acme.example', 'Ada Admin', $1, ARRAY['admin']::varchar[])", [hash]);
  });
  afterAll(() => db?.end());

  const signIn = async (email: string) => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(url('/admin/login'));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('role password 1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin');
    return { context, page };
  };

  it('uploads an avatar: shown in the admin header, the users list and the byline of her articles; a text file named .png is refused', async () => {
    const { context, page } = await signIn('maria.lopez@acme.example');
    const header = page.locator('.admin-header');
    await header.getByRole('link', { name: 'Maria Lopez' }).click();
    expect(new URL(page.url()).pathname).toBe('/admin/profile');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your profile');

    const visitor = await context.newPage();
    await visitor.goto(url('/en/account/reset-password'));
    expect(await visitor.locator('.byline__author').textContent()).toBe('Written by Maria Lopez');
    const oldByline = await visitor.locator('.byline__avatar').getAttribute('src');

    const avatar = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#e11d48' } }).png().toBuffer();
    await page.getByLabel('Display name').fill('María López');
    await page.getByLabel(/^Avatar/).setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: avatar });
    await page.getByRole('button', { name: 'Save profile' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Saved.');
    const headerAvatar = header.locator('img.admin-avatar');
    const src = await headerAvatar.getAttribute('src');
    expect(src).toMatch(/^\/media\/[a-f0-9]{32}-192\.webp$/);
    expect(src).not.toBe(oldByline);
    expect(await headerAvatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(192);
    expect(await header.getByRole('link', { name: 'María López' }).count()).toBe(1);
    expect(await page.getByAltText('Your current avatar').getAttribute('src')).toBe(src);
    expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => v.id)).toEqual([]);

    // The article page was cached for anonymous readers before the change; the byline follows at once.
    await visitor.goto(url('/en/account/reset-password'));
    expect(await visitor.locator('.byline__author').textContent()).toBe('Written by María López');
    expect(await visitor.locator('.byline__avatar').getAttribute('src')).toBe(src);

    await page.getByLabel(/^Avatar/).setInputFiles({ name: 'not-really.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not a picture\n') });
    await page.getByRole('button', { name: 'Save profile' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('avatar: not an image that can be read (PNG, JPEG, WebP, GIF, AVIF or TIFF). Your previous avatar is kept.');
    expect(await header.locator('img.admin-avatar').getAttribute('src')).toBe(src);
    expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => v.id)).toEqual([]);
    await context.close();

    const admin = await signIn('ada@acme.example');
    await admin.page.getByRole('link', { name: 'Users' }).click();
    const row = admin.page.locator('tbody tr', { hasText: 'maria.lopez@acme.example' });
    expect(await row.locator('img.admin-avatar').getAttribute('src')).toBe(src);
    expect(await row.locator('td').first().textContent()).toContain('María López');
    await admin.context.close();
  });
});
