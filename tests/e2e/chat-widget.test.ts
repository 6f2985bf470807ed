import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';
import { openChat } from '../support/widget-pages.ts';

type MessageView = { conversationId: number; seq: number; clientId: string; sender: string; kind: string; body: string };

async function write(page: Page, body: string): Promise<void> {
  await page.getByLabel('Your message').fill(body);
  await page.getByLabel('Your message').press('Enter');
}

describe('chat widget', () => {
  const session = useServerAndBrowser();
  let db: pg.Client;
  let operator: Socket;
  /** Every message the operator's inbox received, in arrival order. */
  const inbox: MessageView[] = [];
  const arrived = (body: string) => new Promise<MessageView>((resolve) => {
    const found = inbox.find((m) => m.body === body);
    if (found) return resolve(found);
    const onMessage = (m: MessageView) => m.body === body && (operator.off('message', onMessage), resolve(m));
    operator.on('message', onMessage);
  });
  const reply = (conversationId: number, body: string, kind: 'text' | 'note' = 'text') =>
    operator.timeout(5_000).emitWithAck('message:send', { conversationId, clientId: randomUUID(), body, kind }) as Promise<{ ok: boolean }>;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ('olga@acme.example', 'Olga', NULL, ARRAY['operator']::varchar[]) RETURNING id");
    const token = randomToken();
    await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
    operator = io(`${session.server.url}/agent`, { transports: ['websocket'], extraHeaders: { cookie: `deflect_session=${token}` }, forceNew: true });
    operator.on('message', (m: MessageView) => inbox.push(m));
    await new Promise<void>((resolve, reject) => {
      operator.once('connect', resolve);
      operator.once('connect_error', reject);
    });
  });
  afterAll(async () => {
    operator?.disconnect();
    await db?.end();
  });

  it('delivers a conversation both ways in real time, survives a reload, and never shows an internal note', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await openChat(page, `${session.server.url}/en/billing`);
    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id)).toMatch(/message/);

    const sentAt = Date.now();
    await write(page, 'How do I change my plan?');
    const first = await arrived('How do I change my plan?');
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(first).toMatchObject({ sender: 'visitor', seq: 1 });
    // Typing reaches the team once there is a conversation to type in.
    const visitorTyping = new Promise((resolve) => operator.once('typing', resolve));
    await page.getByLabel('Your message').pressSequentially('Also');
    expect(await visitorTyping).toMatchObject({ conversationId: first.conversationId, side: 'visitor', typing: true });
    await page.getByLabel('Your message').fill('');

    operator.emit('typing', { conversationId: first.conversationId, typing: true }, () => undefined);
    await dialog.getByText('Olga is typing…').waitFor();
    expect((await reply(first.conversationId, 'Internal: VIP customer, be quick', 'note')).ok).toBe(true);
    expect((await reply(first.conversationId, 'Hi! Open Billing → Plan.')).ok).toBe(true);
    const answer = dialog.locator('.chat-message--theirs', { hasText: 'Hi! Open Billing → Plan.' });
    await answer.waitFor();
    expect(await answer.locator('.chat-message__who').textContent()).toBe('Olga');
    expect(await dialog.locator('[aria-live="polite"]').textContent()).toBe('New message from Olga: Hi! Open Billing → Plan.');
    await operator.timeout(5_000).emitWithAck('seen', { conversationId: first.conversationId, seq: 3 });
    await dialog.locator('.chat-message--mine', { hasText: 'Seen' }).waitFor();
    const axe = await new AxeBuilder({ page }).include('.chat-widget-region').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await page.reload();
    await dialog.waitFor();
    await dialog.getByText('Hi! Open Billing → Plan.').waitFor();
    expect(await dialog.locator('.chat-message__body').allTextContents()).toEqual(['How do I change my plan?', 'Hi! Open Billing → Plan.']);
    expect(await page.content()).not.toContain('VIP customer');
    // Pages are cached whole and shared: the HTML the server sends holds nothing of this visitor.
    const token = JSON.parse((await page.evaluate(() => localStorage.getItem('deflect.chat.token')))!) as string;
    const html = await (await fetch(`${session.server.url}/en/billing`)).text();
    expect(html).toContain('Chat with us');
    for (const secret of [token, token.split('.')[0]!, 'How do I change my plan?']) expect(html).not.toContain(secret);

    // Closing gives focus back to the launcher; the closed state survives navigation.
    await page.getByLabel('Your message').press('Escape');
    expect(await dialog.isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('false');
    await page.goto(`${session.server.url}/en`);
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    expect(await page.getByRole('dialog').count()).toBe(0);

    // With the panel closed, a reply shows on the launcher's badge (the conversation is going on, so the
    // launcher connects in the background), on this page and the next.
    expect((await reply(first.conversationId, 'Did that help?')).ok).toBe(true);
    await page.getByRole('button', { name: 'Chat with us (1 unread reply)' }).waitFor();
    await page.goto(`${session.server.url}/en/billing`);
    await page.getByRole('button', { name: 'Chat with us (1 unread reply)' }).waitFor();
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await page.getByRole('button', { name: /^Chat with us/ }).click();
    await dialog.getByText('Did that help?').waitFor();
    await page.getByRole('button', { name: 'Close chat' }).click();
    expect(await page.getByRole('button', { name: /^Chat with us/ }).getAttribute('aria-label')).toBe('Chat with us');
    await context.close();
  });

  it('keeps messages written offline pending, then delivers each exactly once and in order', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await openChat(page, `${session.server.url}/en`);
    await write(page, 'Connected first');
    const started = await arrived('Connected first');

    await context.setOffline(true);
    await write(page, 'Offline one');
    await write(page, 'Offline two');
    const dialog = page.getByRole('dialog', { name: 'Chat with the team' });
    await dialog.locator('.chat-message[data-state="pending"]').nth(1).waitFor();
    expect(await dialog.locator('.chat-message[data-state="pending"] .chat-message__body').allTextContents()).toEqual(['Offline one', 'Offline two']);
    await page.waitForTimeout(1_000);
    expect((await db.query("SELECT count(*)::int AS n FROM messages WHERE body LIKE 'Offline %'")).rows[0].n).toBe(0);

    await context.setOffline(false);
    await Promise.all([arrived('Offline one'), arrived('Offline two')]);
    await page.waitForFunction(() => document.querySelectorAll('.chat-message[data-state="pending"]').length === 0);
    const { rows } = await db.query<{ body: string; seq: number; client_id: string }>("SELECT body, seq, client_id FROM messages WHERE conversation_id = $1 AND sender = 'visitor' ORDER BY seq", [started.conversationId]);
    expect(rows.map((r) => r.body)).toEqual(['Connected first', 'Offline one', 'Offline two']);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(new Set(rows.map((r) => r.client_id)).size).toBe(3);
    // A reload after delivery resends nothing and shows each message once.
    await page.reload();
    await dialog.getByText('Offline two').waitFor();
    await page.waitForTimeout(500);
    expect(await dialog.locator('.chat-message__body').allTextContents()).toEqual(['Connected first', 'Offline one', 'Offline two']);
    expect((await db.query("SELECT count(*)::int AS n FROM messages WHERE body LIKE 'Offline %'")).rows[0].n).toBe(2);
    await context.close();
  });

  it('lists past conversations and starts a new one, in Russian on a Russian page', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/ru`);
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await page.getByRole('button', { name: 'Написать нам' }).click();
    await page.getByRole('dialog', { name: 'Помощь' }).getByRole('button', { name: 'Отправить сообщение' }).click();
    const dialog = page.getByRole('dialog', { name: 'Чат с поддержкой' });
    await page.getByLabel('Ваше сообщение').fill('Первое обращение');
    await page.getByLabel('Ваше сообщение').press('Enter');
    const first = await arrived('Первое обращение');

    await dialog.getByRole('button', { name: 'Все обращения' }).click();
    await dialog.getByRole('button', { name: /^Обращение от/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Новое обращение');
    await dialog.getByRole('button', { name: 'Новое обращение' }).click();
    await page.getByLabel('Ваше сообщение').fill('Второе обращение');
    await page.getByLabel('Ваше сообщение').press('Enter');
    const second = await arrived('Второе обращение');
    expect(second.conversationId).not.toBe(first.conversationId);
    expect(second.seq).toBe(1);

    await dialog.getByRole('button', { name: 'Все обращения' }).click();
    await expect.poll(() => dialog.getByRole('button', { name: /^Обращение от/ }).count()).toBe(2);
    await dialog.getByRole('button', { name: /^Обращение от/ }).last().click();
    await dialog.getByText('Первое обращение').waitFor();
    expect(await dialog.locator('.chat-message__body').allTextContents()).toEqual(['Первое обращение']);
    // The operator takes it and closes it: the visitor reads both in Russian, without who clicked what.
    expect(await operator.timeout(5_000).emitWithAck('conversation:claim', { conversationId: first.conversationId })).toMatchObject({ ok: true });
    expect(await operator.timeout(5_000).emitWithAck('conversation:close', { conversationId: first.conversationId })).toMatchObject({ ok: true });
    await dialog.locator('.chat-event', { hasText: 'Разговор закрыт' }).waitFor();
    expect(await dialog.locator('.chat-event').allTextContents()).toEqual(['Вам отвечает Olga', 'Разговор закрыт']);
    const { rows } = await db.query("SELECT context->>'entryPage' AS entry, context->'pages' AS pages, context->>'page' AS page, locale, time_zone FROM visitors v JOIN conversations c ON c.visitor_id = v.id WHERE c.id = $1", [first.conversationId]);
    expect(rows[0]).toMatchObject({ entry: '/ru', page: '/ru', pages: ['/ru'], locale: 'ru', time_zone: expect.stringMatching(/\w/) });
    await context.close();
  });
});
