import type { Page } from 'playwright-core';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { invite, join, setUpFirstAdmin, signIn } from '../support/admin-pages.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

/** Pastes files into the markdown textarea as a browser paste would (Playwright has no clipboard files). */
async function pasteFiles(page: Page, files: Array<{ name: string; type: string; bytes: number[] }>): Promise<void> {
  await page.locator('#body').evaluate((textarea, list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, files);
}

describe('authoring', () => {
  // An empty database, as on a first start: setup → invite → the author writes.
  const session = useServerAndBrowser({ FRESH_DATABASE: 'true' });
  let admin: Page;
  let author: Page;
  let png: number[];
  beforeAll(async () => {
    png = [...(await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#0f766e' } }).png().toBuffer())];
  });

  it('first run → invite an author → the author writes an article with a pasted image, publishes it, and customers find it', async () => {
    admin = await setUpFirstAdmin(session.browser, session.server);
    const link = await invite(admin, 'maria.lopez@acme.example', 'author');
    author = await join(session.browser, link, 'Maria Lopez', 'maria writes docs');

    await author.getByRole('link', { name: 'Articles' }).click();
    await author.getByRole('link', { name: 'New article' }).click();
    await author.getByLabel('Title').fill('Export invoices to a spreadsheet');
    await author.getByLabel('Language').selectOption('en');
    await author.getByLabel('Collection (English)').selectOption({ label: 'Billing & plans' });
    await author.getByRole('button', { name: 'Create draft' }).click();
    await author.waitForURL(/\/admin\/articles\/\d+$/);

    await author.getByLabel('Description').fill('Download every invoice as CSV for your accountant.');
    await author.locator('#body').fill('Open **Billing → Invoices** and choose *Export*.\n\n## What the file contains\n\nOne row per invoice.\n\n');
    await expect.poll(() => author.locator('.editor-preview h2').textContent(), { timeout: 3_000 }).toBe('What the file contains');
    await pasteFiles(author, [{ name: 'invoice-export.png', type: 'image/png', bytes: png }]);
    await expect.poll(() => author.locator('#body').inputValue(), { timeout: 10_000 }).toMatch(/!\[invoice-export\]\(\/media\/[a-f0-9]{32}-960\.webp\)/);
    await expect.poll(() => author.locator('.editor-preview img').getAttribute('srcset'), { timeout: 3_000 }).toContain('480w');

    await author.getByRole('button', { name: 'Publish' }).click();
    expect(await author.getByRole('status').first().textContent()).toContain('Published');
    const articlePath = '/en/billing/export-invoices-to-a-spreadsheet';
    const response = await fetch(`${session.server.url}${articlePath}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<strong>Billing → Invoices</strong>');
    expect(html).toMatch(/<img src="\/media\/[a-f0-9]{32}-\d+\.webp" srcset=/);
    expect(html).toContain('Maria Lopez');

    const visitor = await (await session.browser.newContext()).newPage();
    await visitor.goto(`${session.server.url}/en`);
    await visitor.getByRole('combobox').pressSequentially('export invoces', { delay: 40 });
    await expect.poll(() => visitor.getByRole('option').first().textContent(), { timeout: 5_000 }).toContain('Export invoices to a spreadsheet');
    const imageUrl = await visitor.evaluate(async (path) => {
      const doc = new DOMParser().parseFromString(await (await fetch(path)).text(), 'text/html');
      return doc.querySelector('.article-body img')!.getAttribute('src')!;
    }, articlePath);
    const image = await fetch(`${session.server.url}${imageUrl}`);
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/webp']);
    await visitor.context().close();
  });

  it('loses no typed text: autosaved on the server across a crash, kept in the browser while offline', async () => {
    await author.getByLabel('Title').fill('Export invoices to a spreadsheet (CSV or Excel)');
    await author.locator('#body').press('End');
    await author.locator('#body').pressSequentially('Excel works too.');
    await expect.poll(() => author.locator('#editor-status').textContent(), { timeout: 5_000 }).toContain('Draft autosaved');
    const editorUrl = author.url().split('?')[0]!;
    await author.context().close(); // the browser crashes: nothing was saved with the button

    author = await signIn(session.browser, session.server, 'maria.lopez@acme.example', 'maria writes docs');
    await author.goto(editorUrl);
    expect(await author.getByRole('status').first().textContent()).toContain('Restored your unsaved changes');
    expect(await author.locator('#body').inputValue()).toContain('Excel works too.');
    expect(await author.getByLabel('Title').inputValue()).toBe('Export invoices to a spreadsheet (CSV or Excel)');
    // Customers still see the published version until the author saves.
    expect(await (await fetch(`${session.server.url}/en/billing/export-invoices-to-a-spreadsheet`)).text()).not.toContain('Excel works too.');

    // The server can't be reached: what is typed stays in this browser and comes back after a reload.
    await author.route('**/admin/api/articles/*/autosave', (route) => route.abort());
    await author.locator('#body').pressSequentially(' Typed offline.');
    await expect.poll(() => author.locator('#editor-status').textContent(), { timeout: 5_000 }).toContain('Autosave failed');
    await author.reload();
    await expect.poll(() => author.locator('#body').inputValue(), { timeout: 5_000 }).toContain('Typed offline.');
    expect(await author.getByRole('status').first().textContent()).toContain('typed in this browser');
    await author.unroute('**/admin/api/articles/*/autosave');

    await author.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await author.getByRole('status').first().textContent()).toBe('Saved.');
    expect(await (await fetch(`${session.server.url}/en/billing/export-invoices-to-a-spreadsheet`)).text()).toContain('Excel works too. Typed offline.');
    await author.reload();
    expect(await author.getByText('Restored').count()).toBe(0);
  });

  it('turns a second save over another person’s save into a conflict that shows their version, never an overwrite', async () => {
    const editorUrl = author.url();
    await admin.goto(editorUrl);
    await author.locator('#body').fill('Maria’s rewrite of the article.');
    await admin.locator('#body').fill('Ada’s rewrite of the article.');
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await admin.getByRole('status').first().textContent()).toBe('Saved.');

    await author.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = author.getByRole('alert');
    expect(await alert.textContent()).toContain('ada@acme.example saved this article while you were editing');
    expect(await author.getByRole('region', { name: 'Their version compared with yours' }).textContent()).toContain('Ada’s rewrite of the article.');
    expect(await author.locator('#body').inputValue()).toBe('Maria’s rewrite of the article.');
    expect(await (await fetch(`${session.server.url}/en/billing/export-invoices-to-a-spreadsheet`)).text()).toContain('Ada’s rewrite');

    await author.getByRole('button', { name: 'Save', exact: true }).click(); // a deliberate save over theirs
    expect(await author.getByRole('status').first().textContent()).toBe('Saved.');
    await author.getByRole('link', { name: 'History' }).click();
    const rows = await author.locator('tbody tr').allTextContents();
    expect(rows[0]).toContain('maria.lopez@acme.example');
    expect(rows[1]).toContain('ada@acme.example');
  });

  it('compares two versions and restores an old one, live at once', async () => {
    await author.getByLabel('Compare version').selectOption('3');
    await author.getByLabel('with version').selectOption('5');
    await author.getByRole('button', { name: 'Compare' }).click();
    const diff = author.getByRole('region', { name: 'Body, version 3 to 5' });
    expect(await diff.locator('.diff-added').allTextContents()).toEqual(['+ added: Maria’s rewrite of the article.']);
    await author.locator('tr', { hasText: /^3/ }).getByRole('button', { name: 'Restore' }).click();
    expect(await author.getByRole('status').textContent()).toBe('Version 3 restored as version 6: live on the help center now.');
    expect(await (await fetch(`${session.server.url}/en/billing/export-invoices-to-a-spreadsheet`)).text()).toContain('One row per invoice.');
  });

  it('refuses bad uploads with a clear message and keeps the server’s memory bounded', async () => {
    await author.goBack();
    await author.getByRole('link', { name: 'Back to the editor' }).click();
    await pasteFiles(author, [{ name: 'notes.png', type: 'image/png', bytes: [...Buffer.from('this is a text file, not a picture')] }]);
    expect(await author.getByRole('alert').textContent()).toContain('notes.png: The image was refused: not an image that can be read');

    const rssBefore = session.server.peakMemoryBytes();
    const cookie = (await author.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const upload = async (body: Buffer) => {
      const response = await fetch(`${session.server.url}/admin/api/images`, { method: 'POST', body: Uint8Array.from(body), headers: { Cookie: cookie, Origin: session.server.url, 'Content-Type': 'image/png' } });
      return { status: response.status, message: ((await response.json()) as { error: { message: string } }).error.message };
    };
    expect(await upload(pngHeaderOnly(17_000, 17_000))).toEqual({ status: 422, message: 'The image was refused: image is larger than 40 megapixels.' });
    const twentyMegabytes = Buffer.alloc(20 * 1024 * 1024);
    twentyMegabytes.set(png.slice(0, 64));
    expect(await upload(twentyMegabytes)).toEqual({ status: 413, message: 'The image is larger than 10 MB; the limit is 10 MB.' });
    expect(session.server.peakMemoryBytes() - rssBefore).toBeLessThan(120 * 1024 * 1024);
  });
});

/** A valid PNG whose header claims a huge size (an image bomb): decoding it would need gigabytes. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', Buffer.alloc(0)), chunk('IEND', Buffer.alloc(0))]);
}
