import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-session.ts';

describe('a customer browsing the help center', () => {
  const session = useServerAndBrowser();

  it('lands on their language, opens a collection, reads an article and switches to its translation', async () => {
    const context = await session.browser.newContext({ locale: 'ru-RU', extraHTTPHeaders: { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.5' } });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/ru');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');

    await page.getByRole('link', { name: /Аккаунт и безопасность/ }).click();
    expect(new URL(page.url()).pathname).toBe('/ru/account');
    await page.getByRole('link', { name: 'Сброс пароля' }).click();
    expect(new URL(page.url()).pathname).toBe('/ru/account/reset-password');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Сброс пароля');
    expect(await page.getByRole('navigation', { name: 'Навигационная цепочка' }).textContent()).toContain('Аккаунт и безопасность');
    expect(await page.locator('.byline time').textContent()).toMatch(/назад|минуту|сейчас/);

    await page.getByRole('link', { name: /English/ }).click();
    expect(new URL(page.url()).pathname).toBe('/en/account/reset-password');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Reset your password');
    await context.close();
  });

  it('follows the table of contents to a section of the article', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/en/settings/notifications`);
    const firstEntry = page.getByRole('navigation', { name: 'On this page' }).getByRole('link').first();
    const target = await firstEntry.getAttribute('href');
    expect(target).toMatch(/^#h-/);
    await firstEntry.click();
    expect(new URL(page.url()).hash).toBe(target);
    await page.close();
  });

  it('shows a localized 404 page with a way home for an unknown article', async () => {
    const page = await session.browser.newPage();
    const response = await page.goto(`${session.server.url}/ru/account/no-such-article`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Страница не найдена');
    await page.getByRole('link', { name: 'На главную справочного центра' }).click();
    expect(new URL(page.url()).pathname).toBe('/ru');
    await page.close();
  });

  it('is readable with JavaScript disabled', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/en/billing/invoices`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Download invoices and receipts');
    expect((await page.locator('article').innerText()).length).toBeGreaterThan(500);
    await context.close();
  });

  it('loads article images at their intrinsic size from responsive WebP variants', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/en/settings/notifications`);
    const image = page.locator('article img').first();
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await image.getAttribute('srcset')).toMatch(/480w/);
    expect(Number(await image.getAttribute('width'))).toBeGreaterThan(0);
    await page.close();
  });
});
