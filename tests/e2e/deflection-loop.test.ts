import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { resumeLink } from '../../core/chat/email/resume-link.ts';
import { connectClient, request, type ClientSocket } from '../support/chat-harness.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

type Origin = Record<string, unknown>;

/** The launcher hydrates when the browser is idle; the widget's links and events are heard once it has. */
async function launcherReady(page: Page): Promise<void> {
  await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
}

async function write(page: Page, body: string): Promise<void> {
  await page.getByLabel('Your message').fill(body);
  await page.getByLabel('Your message').press('Enter');
}

describe('the deflection loop: from an article or a search that did not help into the chat, and back by email', () => {
  const session = useServerAndBrowser();
  const contexts: BrowserContext[] = [];
  const sockets: ClientSocket[] = [];
  let db: pg.Client;
  let operatorCookie: string;
  let article: { id: number; title: string };
  const articlePath = '/en/account/reset-password';

  const visitorPage = async (): Promise<Page> => {
    const context = await session.browser.newContext();
    contexts.push(context);
    return context.newPage();
  };
  const conversationsCount = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM conversations')).rows[0]!.n);
  /** The conversation whose first message is `body`, with its origin. */
  const conversationOf = async (body: string) =>
    (await db.query<{ id: number; origin: Origin }>('SELECT c.id, c.origin FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.seq = 1 WHERE m.body = $1', [body])).rows[0];

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ('olga@acme.example', 'Olga', NULL, ARRAY['operator']::varchar[]) RETURNING id");
    operatorCookie = randomToken();
    await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(operatorCookie), rows[0]!.id]);
    article = (await db.query<{ id: number; title: string }>("SELECT id, title FROM articles WHERE slug = 'reset-password' AND locale = 'en'")).rows[0]!;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const context of contexts) await context.close();
    await db?.end();
  });

  it('😞 under an article opens the chat about it; the operator gets a conversation from that article, and the inbox says so', async () => {
    const operator = await connectClient(session.server.url, '/agent', { cookie: `deflect_session=${operatorCookie}` });
    sockets.push(operator);
    const arrived = new Promise<{ conversationId: number; body: string }>((resolve) => operator.on('message', (m: { conversationId: number; body: string }) => m.body === 'The reset email never arrives' && resolve(m)));

    const page = await visitorPage();
    await page.goto(`${session.server.url}${articlePath}`);
    await launcherReady(page);
    await page.locator('.article-feedback').scrollIntoViewIfNeeded();
    await page.locator('astro-island[component-url*="ArticleFeedback"]:not([ssr])').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: "No, it didn't" }).click();

    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    await dialog.getByText('Sorry about that — what were you looking for?').waitFor();
    await dialog.getByText(`About: ${article.title}`).waitFor();
    // The visitor chose 😞 on purpose: the composer has the focus, ready for their words.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await write(page, 'The reset email never arrives');

    const message = await arrived;
    expect((await conversationOf('The reset email never arrives'))?.origin).toEqual({ kind: 'article', articleId: article.id, reaction: 'sad' });

    const inboxContext = await session.browser.newContext();
    contexts.push(inboxContext);
    await inboxContext.addCookies([{ name: 'deflect_session', value: operatorCookie, url: session.server.url, httpOnly: true, sameSite: 'Lax' }]);
    const inbox = await inboxContext.newPage();
    await inbox.goto(`${session.server.url}/admin/inbox#conversation-${message.conversationId}`);
    await inbox.locator('.inbox-pane-head').getByText(`from ${article.title} · 😞`).waitFor();
  });

  it('😞 then closing the chat without writing creates no conversation, and the reaction still counts', async () => {
    const reactionsBefore = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM article_reactions WHERE article_id = $1', [article.id])).rows[0]!.n);
    const before = await conversationsCount();
    const page = await visitorPage();
    await page.goto(`${session.server.url}${articlePath}`);
    await launcherReady(page);
    await page.locator('.article-feedback').scrollIntoViewIfNeeded();
    await page.locator('astro-island[component-url*="ArticleFeedback"]:not([ssr])').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: "No, it didn't" }).click();
    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    await dialog.getByText('Sorry about that — what were you looking for?').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM article_reactions WHERE article_id = $1', [article.id])).rows[0]!.n)).toBe(reactionsBefore + 1);
    // Give a wrongly sent start time to land before counting.
    await page.waitForTimeout(500);
    expect(await conversationsCount()).toBe(before);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('deflect.chat.outbox') ?? '[]'))).toEqual([]);
  });

  it('a search that finds nothing offers the chat (results page link and search box), and the conversation carries the query', async () => {
    const query = 'quantum flux capacitor';
    const page = await visitorPage();
    await page.goto(`${session.server.url}/en/search?q=${encodeURIComponent(query)}`);
    await launcherReady(page);
    await page.getByRole('link', { name: 'Still can’t find it? Chat with us' }).click();
    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    await dialog.getByText(`Your search: “${query}”`).waitFor();
    await dialog.getByText('We couldn’t find that. Tell us what you need — we’ll help.').waitFor();
    // The link's fragment is consumed: a reload or a shared address does not open the chat again.
    expect(new URL(page.url()).hash).toBe('');
    await write(page, 'Where do I configure the flux capacitor?');
    await expect.poll(async () => (await conversationOf('Where do I configure the flux capacitor?'))?.origin).toEqual({ kind: 'search', query });

    // The search box's popup offers the same, about what was typed.
    await page.keyboard.press('Escape');
    const box = page.getByRole('combobox', { name: 'Search the help center' }).first();
    await box.fill('xylophone warranty');
    await page.getByRole('button', { name: 'Still can’t find it? Chat with us' }).click();
    await dialog.getByText('Your search: “xylophone warranty”').waitFor();
    await write(page, 'Is the xylophone covered?');
    await expect.poll(async () => (await conversationOf('Is the xylophone covered?'))?.origin).toEqual({ kind: 'search', query: 'xylophone warranty' });
  });

  it('speaks Russian on a Russian page: the offer, the context and the prompt', async () => {
    const page = await visitorPage();
    await page.goto(`${session.server.url}/ru/search?q=${encodeURIComponent('квантовый флюксконденсатор')}`);
    await launcherReady(page);
    await page.getByRole('link', { name: 'Так и не нашли? Напишите нам в чат' }).click();
    const dialog = page.getByRole('dialog', { name: 'Чат с поддержкой' });
    await dialog.getByText('Ваш поиск: «квантовый флюксконденсатор»').waitFor();
    await dialog.getByText('Мы ничего не нашли. Напишите, что вам нужно, — мы поможем.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('id') ?? '')).toMatch(/message/);
  });

  it('a chat email’s link opens that conversation in a fresh browser, and a forged one says so', async () => {
    const visitor = await connectClient(session.server.url, '/visitor');
    sockets.push(visitor);
    const { visitorId } = await visitor.session;
    const { conversation } = await request<{ conversation: { id: number } }>(visitor, 'conversation:start', { clientId: randomUUID(), body: 'My invoice is wrong' });
    const mailKey = (await db.query<{ mail_key: string }>('SELECT mail_key FROM chat_secrets')).rows[0]!.mail_key;
    const link = resumeLink(mailKey, `${session.server.url}/`, { conversationId: conversation.id, visitorId });

    const page = await visitorPage();
    await page.goto(link);
    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    await dialog.locator('.chat-message--mine', { hasText: 'My invoice is wrong' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    // The widget now speaks as that visitor: what it writes joins the same conversation.
    await write(page, 'Any news?');
    await expect.poll(async () => (await db.query<{ body: string }>('SELECT body FROM messages WHERE conversation_id = $1 ORDER BY seq', [conversation.id])).rows.map((r) => r.body)).toEqual(['My invoice is wrong', 'Any news?']);

    const other = await visitorPage();
    const [address, token] = link.split('#chat-resume=') as [string, string];
    await other.goto(`${address}#chat-resume=${token.replace(/\.\d+\./, '.9999999999.')}`); // a later expiry: the signature no longer matches
    await other.getByRole('dialog', { name: 'Chat with the team' }).getByRole('alert').getByText('This chat link is not valid or has expired. Start a new conversation.').waitFor();
  });

  it('stores the visitor’s email after refusing a bad one, and emails the conversation on request', async () => {
    const page = await visitorPage();
    await page.goto(`${session.server.url}/en`);
    await launcherReady(page);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByRole('button', { name: 'Send us a message' }).click();
    await write(page, 'Please email me the answer');
    await expect.poll(async () => (await conversationOf('Please email me the answer'))?.id).toBeTypeOf('number');
    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    // Nobody of the team is online: the widget unfolds the field by itself and asks for the address.
    await dialog.getByText('Leave your email and we’ll answer there.').waitFor();
    const field = dialog.getByRole('textbox', { name: 'Get replies by email' });

    await field.fill('ann at example');
    await dialog.getByRole('button', { name: 'Save address' }).click();
    await dialog.getByRole('alert').getByText('That is not an email address. Check it and try again.').waitFor();
    expect(await field.inputValue()).toBe('ann at example'); // kept, to be corrected
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const axe = await new AxeBuilder({ page }).include('.chat-widget-region').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await field.fill('Ann@Example.com');
    await dialog.getByRole('button', { name: 'Save address' }).click();
    await dialog.getByRole('status').getByText('Replies you miss go to ann@example.com.').waitFor();
    expect((await db.query<{ email: string }>('SELECT v.email FROM visitors v JOIN conversations c ON c.visitor_id = v.id JOIN messages m ON m.conversation_id = c.id WHERE m.body = $1', ['Please email me the answer'])).rows[0]?.email).toBe('ann@example.com');

    await dialog.getByRole('button', { name: 'Email me this conversation' }).click();
    await dialog.getByRole('status').getByText('The conversation was sent to ann@example.com.').waitFor();
    expect(Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM outbox WHERE recipient = 'ann@example.com'")).rows[0]!.n)).toBeGreaterThan(0);

    // After a reload the folded panel still shows where replies go, without asking again. (The same line
    // also sits hidden inside the folded form, so only the visible one counts.)
    await page.reload();
    await dialog.getByText('Replies you miss go to ann@example.com.').filter({ visible: true }).waitFor();
    await dialog.getByRole('textbox', { name: 'Get replies by email' }).waitFor({ state: 'hidden' });
  });
});
