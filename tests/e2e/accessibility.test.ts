import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-session.ts';

const pages = ['/en', '/en/billing', '/en/account/reset-password', '/en/missing-page', '/en/search?q=password', '/ru', '/ru/billing', '/ru/settings/notifications', '/ru/missing-page', '/ru/search?q=%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8C', '/admin/login'];

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  const session = useServerAndBrowser();

  it.each(pages)('%s has no violations', async (path) => {
    const context = await session.browser.newContext(); // axe needs a context it can open helper pages in
    const page = await context.newPage();
    await page.goto(`${session.server.url}${path}`);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('offers a skip link that moves focus to the main content', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/en/account/reset-password`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });
});
