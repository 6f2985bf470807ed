import pg from 'pg';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-session.ts';

/** The island hydrates when scrolled into view; Astro drops its `ssr` attribute once it is interactive. */
async function hydrated(page: Page): Promise<void> {
  await page.locator('.article-feedback').scrollIntoViewIfNeeded();
  await page.locator('astro-island[component-url*="ArticleFeedback"]:not([ssr])').waitFor({ state: 'attached' });
}

describe('"Did this answer your question?"', () => {
  const session = useServerAndBrowser();
  const article = '/en/account/reset-password';
  const stored = async () => {
    const client = new pg.Client({ connectionString: session.server.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ value: number }>('SELECT value FROM article_reactions r JOIN articles a ON a.id = r.article_id WHERE a.slug = $1 ORDER BY value', ['reset-password']);
    await client.end();
    return rows.map((r) => r.value);
  };

  it('counts one reaction per visitor: clicking again changes it instead of adding a vote', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}${article}`);
    await hydrated(page);
    const sad = page.getByRole('button', { name: "No, it didn't" });
    await sad.click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Thanks' }).count()).toBe(1);
    expect(await sad.getAttribute('aria-pressed')).toBe('true');
    await sad.click();
    await page.getByRole('button', { name: 'Yes, it did' }).click();
    await expect.poll(stored, { timeout: 5_000 }).toEqual([1]);
    // Another visit by the same visitor remembers the choice, and voting again still doesn't stack.
    await page.reload();
    await hydrated(page);
    await expect.poll(() => page.getByRole('button', { name: 'Yes, it did' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Yes, it did' }).click();
    await expect.poll(stored, { timeout: 5_000 }).toEqual([1]);
    await context.close();

    const other = await (await session.browser.newContext()).newPage();
    await other.goto(`${session.server.url}${article}`);
    await hydrated(other);
    await other.getByRole('button', { name: "No, it didn't" }).click();
    await expect.poll(stored, { timeout: 5_000 }).toEqual([-1, 1]);
    await other.context().close();
  });

  it('works without JavaScript: the form posts the reaction and comes back to the article', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.server.url}${article}`);
    await page.getByRole('button', { name: 'Partly' }).click();
    await page.waitForURL(`**${article}#article-feedback`);
    await expect.poll(stored, { timeout: 5_000 }).toEqual([-1, 0, 1]);
    await context.close();
  });

  it('refuses a reaction to an unknown article or with a bad value, clearly', async () => {
    const post = (id: string, body: unknown) => fetch(`${session.server.url}/api/articles/${id}/reaction`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await post('999999', { reaction: 'happy' })).json()).toEqual({ error: { code: 'not_found', message: 'No such article.' } });
    const bad = await post('1', { reaction: 'ecstatic' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('reaction');
  });
});
