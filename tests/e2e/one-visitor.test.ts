import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-session.ts';

type Origin = Record<string, unknown>;

describe('one visitor: the help center’s reactions and the chat widget name the same person', () => {
  const session = useServerAndBrowser();
  const contexts: BrowserContext[] = [];
  let db: pg.Client;

  const visitorPage = async (): Promise<Page> => {
    const context = await session.browser.newContext();
    contexts.push(context);
    return context.newPage();
  };
  const write = async (page: Page, body: string) => {
    await page.getByLabel('Your message').fill(body);
    await page.getByLabel('Your message').press('Enter');
  };
  /** The conversation whose first message is `body`. */
  const conversationOf = async (body: string) =>
    (await db.query<{ visitor_id: string; origin: Origin }>('SELECT c.visitor_id, c.origin FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.seq = 1 WHERE m.body = $1', [body])).rows[0];
  const postCookie = (token: string, headers: Record<string, string> = {}) =>
    fetch(`${session.server.url}/api/chat/visitor-cookie`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ token }) });

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await db?.end();
  });

  it('someone who chatted first and then chooses 😞 is one visitor: the reaction is theirs, and the new chat keeps its 😞', async () => {
    const page = await visitorPage();
    await page.goto(`${session.server.url}/en`);
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByRole('dialog', { name: 'Help' }).getByRole('button', { name: 'Send us a message' }).click();
    await write(page, 'Hello from the home page');
    await expect.poll(async () => (await conversationOf('Hello from the home page'))?.visitor_id).toBeTypeOf('string');
    const chatVisitor = (await conversationOf('Hello from the home page'))!.visitor_id;
    // The page had no visitor cookie: the widget had it set from its own token.
    await expect.poll(async () => (await page.context().cookies()).find((c) => c.name === 'deflect_visitor')?.value.split('.')[0]).toBe(chatVisitor);

    await page.goto(`${session.server.url}/en/account/reset-password`);
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await page.locator('.article-feedback').scrollIntoViewIfNeeded();
    await page.locator('astro-island[component-url*="ArticleFeedback"]:not([ssr])').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: "No, it didn't" }).click();
    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    await dialog.getByText('Sorry about that — what were you looking for?').waitFor();
    await write(page, 'The reset link expired');
    await expect.poll(async () => (await conversationOf('The reset link expired'))?.origin).toMatchObject({ kind: 'article', reaction: 'sad' });

    const { rows } = await db.query<{ visitor_id: string; value: number }>("SELECT visitor_id, value FROM article_reactions WHERE article_id = (SELECT id FROM articles WHERE slug = 'reset-password' AND locale = 'en')");
    expect(rows).toEqual([{ visitor_id: chatVisitor, value: -1 }]);
    expect((await conversationOf('The reset link expired'))?.visitor_id).toBe(chatVisitor);
  });

  it('sets the cookie only from a token of this help center, and only for a request from the help center itself', async () => {
    const forged = await postCookie(`${crypto.randomUUID()}.${'A'.repeat(43)}`);
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ error: { code: 'invalid_request', message: 'token: not a visitor token of this help center' } });
    expect(forged.headers.get('set-cookie')).toBeNull();

    const { token } = await issuedToken();
    const crossSite = await postCookie(token, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();

    const accepted = await postCookie(token, { origin: session.server.url });
    expect(accepted.status).toBe(204);
    const cookie = accepted.headers.get('set-cookie') ?? '';
    expect(cookie.startsWith(`deflect_visitor=${token};`)).toBe(true);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  /** A visitor token as the server issues it: the one a reaction's Set-Cookie carries. */
  async function issuedToken(): Promise<{ token: string }> {
    const article = (await db.query<{ id: number }>("SELECT id FROM articles WHERE slug = 'reset-password' AND locale = 'en'")).rows[0]!;
    const response = await fetch(`${session.server.url}/api/articles/${article.id}/reaction`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reaction: 'happy' }) });
    return { token: decodeURIComponent(/deflect_visitor=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1]!) };
  }
});
