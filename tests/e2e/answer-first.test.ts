import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { connectClient, request, type ClientSocket } from '../support/chat-harness.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';
import { openChat } from '../support/widget-pages.ts';

/** Events are batched in the browser (a few seconds) before they reach the server. */
const EVENTUALLY = { timeout: 15_000, interval: 250 };

describe('answers before a human: suggestions while typing and the answer bot', () => {
  const session = useServerAndBrowser();
  const contexts: BrowserContext[] = [];
  let db: pg.Client;
  let operatorCookie: string;
  let operator: ClientSocket;
  /** Conversation ids of everything the operator's inbox socket heard about. */
  const heard: number[] = [];
  let article: { id: number; title: string };

  const visitorPage = async (): Promise<Page> => {
    const context = await session.browser.newContext();
    contexts.push(context);
    return context.newPage();
  };
  const conversationOf = async (body: string) =>
    (await db.query<{ id: number; status: string; bot_outcome: string | null; assignee_id: number | null }>('SELECT c.id, c.status, c.bot_outcome, c.assignee_id FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.seq = 1 WHERE m.body = $1', [body])).rows[0];

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ('olga@acme.example', 'Olga', NULL, ARRAY['operator']::varchar[]) RETURNING id");
    operatorCookie = randomToken();
    await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(operatorCookie), rows[0]!.id]);
    await db.query('INSERT INTO team_members (team_id, user_id) SELECT id, $1 FROM teams WHERE is_default', [rows[0]!.id]);
    article = (await db.query<{ id: number; title: string }>("SELECT id, title FROM articles WHERE slug = 'reset-password' AND locale = 'en'")).rows[0]!;
    operator = await connectClient(session.server.url, '/agent', { cookie: `deflect_session=${operatorCookie}` });
    for (const event of ['message', 'conversation:updated']) operator.on(event, (payload: { conversationId?: number; id?: number }) => heard.push(payload.conversationId ?? payload.id!));
  });
  afterAll(async () => {
    operator?.close();
    for (const context of contexts) await context.close();
    await db?.end();
  });

  it('suggests the article while the question is typed; reading it and closing the chat counts as a deflection', async () => {
    const page = await visitorPage();
    await openChat(page, `${session.server.url}/en`);
    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    await page.getByLabel('Your message').fill('How do I reset my password');

    const suggestions = dialog.getByRole('region', { name: 'Articles that may answer your question' });
    await suggestions.getByRole('group', { name: article.title }).waitFor();
    expect(await suggestions.getByRole('group').count()).toBeLessThanOrEqual(3);
    await expect.poll(() => dialog.locator('[aria-live="polite"]', { hasText: /may answer your question/ }).count()).toBeGreaterThan(0);

    // Keyboard only: the card's button opens the article inside the chat.
    await suggestions.getByRole('group', { name: article.title }).getByRole('button', { name: 'Read here' }).press('Enter');
    await dialog.getByRole('region', { name: article.title }).getByRole('heading', { name: article.title }).waitFor();
    await page.keyboard.press('Escape'); // back from the article
    await dialog.getByRole('button', { name: 'Close chat' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect
      .poll(async () => (await db.query<{ type: string; article_id: number; source: string | null }>("SELECT type, article_id, source FROM help_center_events WHERE type IN ('deflection', 'widget_article_open') ORDER BY id")).rows, EVENTUALLY)
      .toEqual([
        { type: 'widget_article_open', article_id: article.id, source: 'suggestion' },
        { type: 'deflection', article_id: article.id, source: null },
      ]);
    expect(await db.query('SELECT 1 FROM conversations').then((r) => r.rowCount)).toBe(0);
  });

  describe('with the answer bot on for the team', () => {
    beforeAll(async () => {
      // An admin turns it on for the default team on its page; the change is audited.
      const { rows } = await db.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ('ada@acme.example', 'Ada Admin', NULL, ARRAY['admin']::varchar[]) RETURNING id");
      const token = randomToken();
      await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
      const context = await session.browser.newContext();
      contexts.push(context);
      await context.addCookies([{ name: 'deflect_session', value: token, url: session.server.url, httpOnly: true, sameSite: 'Lax' }]);
      const admin = await context.newPage();
      await admin.goto(`${session.server.url}/admin/teams`);
      await admin.getByRole('link', { name: 'Support' }).click();
      await admin.getByRole('checkbox', { name: 'Answer bot' }).check();
      await admin.getByRole('button', { name: 'Save team' }).click();
      await admin.getByRole('status').getByText('Saved.').waitFor();
      expect(await admin.getByRole('checkbox', { name: 'Answer bot' }).isChecked()).toBe(true);
      const audit = await db.query<{ summary: string }>("SELECT summary FROM audit_log WHERE action = 'team.update' ORDER BY id DESC LIMIT 1");
      expect(audit.rows[0]!.summary).toMatch(/answer bot on$/);
    });

    it('"That helped" closes the conversation, and the operator’s inbox never hears of it', async () => {
      const question = 'How do I reset my password?';
      const page = await visitorPage();
      await openChat(page, `${session.server.url}/en`);
      const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
      await page.getByLabel('Your message').fill(question);
      await page.getByLabel('Your message').press('Enter');

      const bot = dialog.locator('.chat-message--theirs', { hasText: 'Answer bot' });
      await bot.first().getByText('These articles may answer your question').waitFor();
      await bot.getByRole('group', { name: article.title }).waitFor();
      await dialog.getByRole('button', { name: 'That helped' }).click();
      await dialog.getByText('Glad it helped! This conversation is closed').waitFor();
      expect(await dialog.getByRole('button', { name: 'I still need help' }).count()).toBe(0);

      const conversation = await conversationOf(question);
      expect(conversation).toMatchObject({ status: 'closed', bot_outcome: 'helped', assignee_id: null });
      // Something the inbox does hear of, after ours: once it has arrived, ours would have too.
      const elsewhere = await connectClient(session.server.url, '/visitor');
      const other = (await request<{ conversation: { id: number } }>(elsewhere, 'conversation:start', { clientId: randomUUID(), body: 'Do you ship parcels to Canada?' })).conversation.id;
      elsewhere.close();
      await expect.poll(() => heard.includes(other), EVENTUALLY).toBe(true);
      expect(heard).not.toContain(conversation!.id);
      expect((await db.query("SELECT 1 FROM outbox WHERE subject LIKE '%#' || $1 || '%'", [String(conversation!.id)])).rowCount).toBe(0);
    });

    it('"I still need help" hands it to a person, who sees the bot’s attempt in the inbox', async () => {
      const question = 'How can I reset the password of my account?';
      const page = await visitorPage();
      await openChat(page, `${session.server.url}/en`);
      const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
      await page.getByLabel('Your message').fill(question);
      await page.getByLabel('Your message').press('Enter');
      await dialog.locator('.chat-message--theirs', { hasText: 'Answer bot' }).getByRole('group', { name: article.title }).waitFor();
      const { id } = (await conversationOf(question))!;
      expect(heard).not.toContain(id);

      await dialog.getByRole('button', { name: 'I still need help' }).click();
      await dialog.getByText('Your question is with the team now.').waitFor();
      await expect.poll(() => heard.includes(id), EVENTUALLY).toBe(true);
      expect(await conversationOf(question)).toMatchObject({ status: 'open', bot_outcome: 'escalated' });

      const inboxContext = await session.browser.newContext();
      contexts.push(inboxContext);
      await inboxContext.addCookies([{ name: 'deflect_session', value: operatorCookie, url: session.server.url, httpOnly: true, sameSite: 'Lax' }]);
      const inbox = await inboxContext.newPage();
      await inbox.goto(`${session.server.url}/admin/inbox#conversation-${id}`);
      const timeline = inbox.getByRole('list', { name: 'Messages' });
      await timeline.getByText(question).waitFor();
      await timeline.locator('.inbox-message', { hasText: 'Answer bot' }).first().getByText('These articles may answer your question').waitFor();
      await timeline.getByText(article.title).first().waitFor();
      await timeline.getByText('The visitor still needs help: passed to the team').waitFor();
    });
  });
});
