import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { invite, join, setUpFirstAdmin } from '../support/admin-pages.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

/** Each payload sets `window.__xss` if it ever runs. */
const SCRIPT = '<script>window.__xss = 1</script>';
const IMG = '<img src=x onerror="window.__xss = 1">';
const SVG = '<svg onload="window.__xss = 1"><script>window.__xss = 1</script></svg>';
const BREAKOUT = '"><script>window.__xss = 1</script><"';
const JS_LINK = 'javascript:window.__xss=1';

/** Evidence that markup from a payload became live in the page, or empty when everything stayed text. */
async function liveInjections(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if ((window as unknown as { __xss?: number }).__xss) found.push('a payload ran');
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (attribute.name.startsWith('on')) found.push(`${element.tagName} has ${attribute.name}`);
        if (/^\s*javascript:/i.test(attribute.value)) found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
      }
      // Structured data (JSON-LD) is data, never run; any other script holding a payload would run.
      const runnable = element.tagName === 'SCRIPT' && (element as HTMLScriptElement).type !== 'application/ld+json';
      if (runnable && element.textContent?.includes('__xss')) found.push('a payload <script> element');
    }
    return found;
  });
}

describe('hostile input stays inert', () => {
  const session = useServerAndBrowser({ FRESH_DATABASE: 'true' });

  it('in titles, bodies, names and settings: on the site and in the admin', async () => {
    const admin = await setUpFirstAdmin(session.browser, session.server, { name: `Ada ${IMG}`, email: 'ada@acme.example', password: 'a long passphrase' });
    const dialogs: string[] = [];
    const watch = (page: Page) => page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
    watch(admin);

    await admin.getByRole('link', { name: 'Settings' }).click();
    await admin.getByLabel('Help center name').fill(`Acme ${BREAKOUT}`);
    await admin.getByRole('button', { name: 'Save settings' }).click();

    const author = await join(session.browser, await invite(admin, 'eve@acme.example', 'author'), `Eve ${SVG}`, 'eve writes docs');
    watch(author);
    await author.goto(`${session.server.url}/admin/articles/new`);
    await author.getByLabel('Title').fill(`Billing ${SCRIPT} help`);
    await author.getByLabel('Collection (English)').selectOption({ label: 'Billing & plans' });
    await author.getByRole('button', { name: 'Create draft' }).click();
    await author.waitForURL(/\/admin\/articles\/\d+$/);
    await author.getByLabel('Description').fill(`Payments ${IMG}`);
    await author.getByLabel('Tags').fill(`billing, ${SVG}`);
    await author.locator('#body').fill(
      [`Intro ${SCRIPT}`, IMG, SVG, `[a link](${JS_LINK})`, `<a href="${JS_LINK}">raw link</a>`, `![image](${JS_LINK})`, `## Heading ${IMG}`, `<iframe src="${JS_LINK}"></iframe>`].join('\n\n'),
    );
    await expect.poll(() => author.locator('.editor-preview h2').count(), { timeout: 3_000 }).toBe(1);
    expect(await liveInjections(author)).toEqual([]);
    await author.getByRole('button', { name: 'Publish' }).click();
    expect(await author.getByRole('status').first().textContent()).toContain('Published');
    const articleUrl = await author.getByRole('link', { name: 'View on the help center' }).getAttribute('href');

    const visitor = await (await session.browser.newContext()).newPage();
    watch(visitor);
    const sitePages = [articleUrl!, '/en', '/en/billing', `/en/search?q=${encodeURIComponent(`billing ${SCRIPT}`)}`];
    for (const path of sitePages) {
      await visitor.goto(`${session.server.url}${path}`);
      expect(await liveInjections(visitor), path).toEqual([]);
    }
    await visitor.goto(`${session.server.url}${articleUrl}`);
    const text = await visitor.locator('main').textContent();
    expect(text).toContain('Billing <script>window.__xss = 1</script> help'); // shown as the text that was typed
    expect(text).toContain('Eve <svg onload=');
    expect(await visitor.title()).toContain('Acme "><script>');

    await visitor.goto(`${session.server.url}/en`);
    await visitor.getByRole('combobox').pressSequentially('billing script', { delay: 30 });
    await expect.poll(() => visitor.getByRole('option').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await liveInjections(visitor)).toEqual([]);

    for (const path of ['/admin', '/admin/articles', '/admin/users', '/admin/audit', '/admin/settings', new URL(author.url()).pathname, `${new URL(author.url()).pathname}/history`]) {
      await admin.goto(`${session.server.url}${path}`);
      expect(await liveInjections(admin), path).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  });
});
