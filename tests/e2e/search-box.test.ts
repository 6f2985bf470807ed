import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-session.ts';

describe('the search box', () => {
  const session = useServerAndBrowser();
  const loggedQueries = async () => {
    const client = new pg.Client({ connectionString: session.server.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ query: string; result_count: number; clicked_article_id: number | null }>('SELECT query, result_count, clicked_article_id FROM search_queries ORDER BY id');
    await client.end();
    return rows;
  };

  it('shows results as you type, typo and half-typed word included, and logs the settled query once', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/en`);
    const box = page.getByRole('combobox');
    await box.pressSequentially('pasword rese', { delay: 90 });
    const firstOption = page.getByRole('option').first();
    await expect.poll(() => firstOption.textContent(), { timeout: 5_000 }).toContain('Reset your password');
    await page.waitForTimeout(2_000); // the visitor stops typing: the query settles
    await context.close(); // leaving flushes nothing new: it was already logged
    await expect.poll(loggedQueries, { timeout: 5_000 }).toEqual([{ query: 'pasword rese', result_count: expect.any(Number), clicked_article_id: null }]);
    expect((await loggedQueries())[0]!.result_count).toBeGreaterThan(0);
  });

  it('opens a result with the keyboard and records the click on the same search', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/ru`);
    const box = page.getByRole('combobox');
    await box.pressSequentially('настроить уведомления', { delay: 40 });
    await expect.poll(() => page.getByRole('option').first().textContent(), { timeout: 5_000 }).toContain('Настройка уведомлений');
    await box.press('ArrowDown');
    await expect.poll(() => box.getAttribute('aria-activedescendant')).toMatch(/option-0$/);
    await box.press('Enter');
    await page.waitForURL('**/ru/settings/notifications');
    await context.close();
    await expect.poll(async () => (await loggedQueries()).filter((row) => row.query === 'настроить уведомления' && row.clicked_article_id !== null).length).toBe(1);
  });

  it('has no accessibility violations with the suggestions open', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/en/billing`);
    await page.getByRole('combobox').pressSequentially('refund', { delay: 30 });
    await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(0);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });

  it('works without JavaScript: the results page lists hits with paging, and an empty state suggests popular articles', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/en`);
    await page.getByRole('combobox').fill('password');
    await page.getByRole('combobox').press('Enter');
    await page.waitForURL('**/en/search?q=password');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/results? for “password”/);
    expect(await page.locator('main a[href="/en/account/reset-password"]').count()).toBeGreaterThan(0);

    await page.goto(`${session.server.url}/en/search?q=${encodeURIComponent('zebra xylophone')}`);
    expect(await page.locator('main').textContent()).toContain('No results for “zebra xylophone”');
    expect(await page.locator('main a[href^="/en/"]').count()).toBeGreaterThan(2);
    await context.close();
  });
});
