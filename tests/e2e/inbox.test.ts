import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/accounts/passwords.ts';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import type { MessageView } from '../../core/chat/index.ts';
import { connectClient, request, type ClientSocket } from '../support/chat-harness.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

type Ok<T> = { ok: true } & T;

/** Resolves once `check` holds, polling; fails after `timeout` ms with what was seen. */
async function until(check: () => boolean, timeout = 2_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the operator inbox', () => {
  const session = useServerAndBrowser();
  const sockets: ClientSocket[] = [];
  let context: BrowserContext;
  let page: Page;

  /** An operator signed in the way the login form would leave them: a session row and its cookie. */
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: session.server.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, $3, ARRAY['operator']::varchar[]) RETURNING id", [
      'olga@acme.example',
      'Olga Operator',
      await hashPassword('olga answers chats'),
    ]);
    const token = randomToken();
    await client.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
    await client.end();
    context = await session.browser.newContext();
    await context.addCookies([{ name: 'deflect_session', value: token, url: session.server.url, httpOnly: true, sameSite: 'Lax' }]);
    page = await context.newPage();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await context?.close();
  });

  const visitor = async (locale: string) => {
    const socket = await connectClient(session.server.url, '/visitor', { auth: { context: { locale } } });
    sockets.push(socket);
    return socket;
  };
  const tab = (name: RegExp) => page.getByRole('tab', { name });

  it('shows a new conversation live, replies, keeps notes internal, claims, keeps drafts, closes', async () => {
    await page.goto(`${session.server.url}/admin/inbox`);
    await page.getByRole('status').getByText('Connected').waitFor();
    expect(await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Inbox' }).getAttribute('aria-current')).toBe('page');
    await tab(/^Unassigned 0$/).waitFor();
    // A marker on the window: gone if the page reloaded.
    await page.evaluate(() => Object.assign(window, { inboxMarker: true }));

    const customer = await visitor('de');
    const received: MessageView[] = [];
    customer.on('message', (m: MessageView) => received.push(m));
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(customer, 'conversation:start', { clientId: randomUUID(), body: 'My invoice is wrong' });
    const row = page.getByRole('button', { name: /Visitor \(de\).*My invoice is wrong/ });
    await row.waitFor({ timeout: 1_000 });
    await tab(/^Unassigned 1$/).waitFor({ timeout: 1_000 });
    expect(await row.textContent()).toContain('unread');
    expect(await row.textContent()).toMatch(/waiting \d+ s/);
    expect(await page.evaluate(() => 'inboxMarker' in window)).toBe(true);

    await row.click();
    const timeline = page.getByRole('list', { name: 'Messages' });
    await timeline.getByText('My invoice is wrong').waitFor();
    // Viewing it marks it seen.
    await page.waitForFunction(() => !document.querySelector('.inbox-row .inbox-unread'));

    await request(customer, 'typing', { conversationId: conversation.id, typing: true });
    await page.getByText('Visitor (de) is typing…').waitFor({ timeout: 1_000 });

    const reply = page.getByLabel('Reply to the visitor');
    await reply.fill('Let me check that for you');
    await reply.press('Enter');
    await until(() => received.some((m) => m.body === 'Let me check that for you'));
    expect(await reply.inputValue()).toBe('');
    // Shift+Enter is a new line, not a send.
    await reply.fill('line one');
    await reply.press('Shift+Enter');
    expect(await reply.inputValue()).toBe('line one\n');
    await reply.fill('');

    // The first reply claimed it.
    await tab(/^Mine 1$/).waitFor();
    await tab(/^Unassigned 0$/).waitFor();

    await page.getByRole('button', { name: 'Internal note' }).click();
    const note = page.getByLabel('Internal note (only operators see it)');
    await note.fill('Refund needs approval from finance');
    await note.press('Enter');
    const shownNote = timeline.locator('li', { hasText: 'Refund needs approval from finance' });
    await page.waitForFunction(() => [...document.querySelectorAll('.inbox-note')].some((li) => li.textContent?.includes('Olga Operator')));
    expect(await shownNote.textContent()).toContain('Internal note');
    expect(await shownNote.getAttribute('class')).toContain('inbox-note');

    // A draft survives a reload (the address keeps the open conversation).
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    await reply.fill('Half-written answer');
    await page.reload();
    await page.getByRole('status').getByText('Connected').waitFor();
    await expect.poll(() => page.getByLabel('Reply to the visitor').inputValue()).toBe('Half-written answer');

    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // Shortcuts do nothing while typing (this "c" is text); Escape leaves the composer, then "c" closes.
    await page.getByLabel('Reply to the visitor').press('End');
    await page.getByLabel('Reply to the visitor').press('c');
    expect(await page.getByLabel('Reply to the visitor').inputValue()).toBe('Half-written answerc');
    await page.keyboard.press('Escape');
    await page.keyboard.press('c');
    await timeline.getByText('Closed by Olga Operator').waitFor();
    await page.getByRole('button', { name: /My invoice is wrong|Closed by/ }).waitFor({ state: 'detached' });
    await tab(/^All 0$/).waitFor();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();

    // The visitor got the reply and the closing event — never the note, which was sent between them.
    await until(() => received.some((m) => m.body === 'Closed by Olga Operator'));
    expect(received.map((m) => m.body)).not.toContain('Refund needs approval from finance');
    expect(received.every((m) => m.kind !== 'note')).toBe(true);
  });

  it('lists the help overlay of shortcuts and moves between conversations with j and k', async () => {
    const first = await visitor('fr');
    const second = await visitor('nl');
    await request(first, 'conversation:start', { clientId: randomUUID(), body: 'first waiting' });
    await request(second, 'conversation:start', { clientId: randomUUID(), body: 'second waiting' });
    await page.goto(`${session.server.url}/admin/inbox`);
    await tab(/^Unassigned 2$/).waitFor();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(await help.textContent()).toContain('Next conversation');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await page.keyboard.press('j');
    await page.getByRole('heading', { level: 2, name: 'Visitor (fr)' }).waitFor();
    await page.keyboard.press('j');
    await page.getByRole('heading', { level: 2, name: 'Visitor (nl)' }).waitFor();
    await page.keyboard.press('k');
    await page.getByRole('heading', { level: 2, name: 'Visitor (fr)' }).waitFor();
    await page.keyboard.press('a');
    await tab(/^Mine 1$/).waitFor();
    await page.keyboard.press('r');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inbox-composer-text');
  });

  it('keeps a reply sent while the connection is down, sends it once on reconnect and catches up on what it missed', async () => {
    const customer = await visitor('es');
    const received: MessageView[] = [];
    customer.on('message', (m: MessageView) => received.push(m));
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(customer, 'conversation:start', { clientId: randomUUID(), body: 'hola, I need help' });

    // The page's socket goes through the test (WebSocket and long-polling alike), so the test can cut it.
    let offline = false;
    const pageSockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (offline) return void ws.close();
      pageSockets.push(ws);
      ws.connectToServer();
    });
    await page.route('**/socket.io/**', (route) => (offline ? route.abort() : route.fallback()));
    // A fresh page load, so that its socket is the routed one.
    await page.goto('about:blank');
    await page.goto(`${session.server.url}/admin/inbox#conversation-${conversation.id}`);
    await page.getByRole('status').getByText('Connected').waitFor();
    const timeline = page.getByRole('list', { name: 'Messages' });
    await timeline.getByText('hola, I need help').waitFor();

    offline = true;
    for (const ws of pageSockets) await ws.close();
    await page.getByRole('status').getByText('Reconnecting…').waitFor({ timeout: 5_000 });
    const reply = page.getByLabel('Reply to the visitor');
    await reply.fill('Sent while offline');
    await reply.press('Enter');
    await timeline.locator('li', { hasText: 'Sent while offline' }).getByText('Sending…').waitFor();
    await request(customer, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'are you there?' });

    offline = false;
    await page.getByRole('status').getByText('Connected').waitFor({ timeout: 10_000 });
    // Missed while offline: fetched by `conversation:sync` after the last seq the page had.
    await timeline.getByText('are you there?').waitFor();
    await until(() => received.some((m) => m.body === 'Sent while offline'), 5_000);
    await page.waitForFunction(() => !document.querySelector('.inbox-pending'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((m) => m.body === 'Sent while offline')).toHaveLength(1);
    expect(await timeline.locator('li', { hasText: 'Sent while offline' }).count()).toBe(1);
    expect(await timeline.locator('li', { hasText: 'are you there?' }).count()).toBe(1);
    await page.unrouteAll();
  });

  it('shows a message the server never answered as not sent, and Retry sends it', async () => {
    const customer = await visitor('it');
    const received: MessageView[] = [];
    customer.on('message', (m: MessageView) => received.push(m));
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(customer, 'conversation:start', { clientId: randomUUID(), body: 'ciao' });
    // Sends pass through the test, which can swallow them while the connection itself stays up.
    let swallow = false;
    let routed!: () => void;
    const upgraded = new Promise<void>((resolve) => (routed = resolve));
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      routed();
      const server = ws.connectToServer();
      ws.onMessage((frame) => {
        if (swallow && String(frame).includes('message:send')) return;
        server.send(frame);
      });
    });
    await page.goto('about:blank');
    await page.goto(`${session.server.url}/admin/inbox#conversation-${conversation.id}`);
    await page.getByRole('status').getByText('Connected').waitFor();
    const timeline = page.getByRole('list', { name: 'Messages' });
    await timeline.getByText('ciao').waitFor();
    // Long-polling upgrades to the routed WebSocket right after connecting; the upgrade takes a round trip.
    await upgraded;
    await new Promise((resolve) => setTimeout(resolve, 300));

    swallow = true;
    const reply = page.getByLabel('Reply to the visitor');
    await reply.fill('Answer that got lost');
    await reply.press('Enter');
    const shown = timeline.locator('li', { hasText: 'Answer that got lost' });
    await shown.getByText('Not sent: No answer from the server.').waitFor({ timeout: 15_000 });
    expect(received.some((m) => m.body === 'Answer that got lost')).toBe(false);

    swallow = false;
    await shown.getByRole('button', { name: 'Retry' }).click();
    await until(() => received.some((m) => m.body === 'Answer that got lost'), 5_000);
    await shown.getByText('Not sent').waitFor({ state: 'detached' });
    expect(await timeline.locator('li', { hasText: 'Answer that got lost' }).count()).toBe(1);
    await page.unrouteAll();
  });

  it('shows a file the visitor sent as a link that opens it', async () => {
    const customer = await visitor('fr');
    const { token } = await customer.session;
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(customer, 'conversation:start', { clientId: randomUUID(), body: 'Here is my invoice' });
    const upload = await fetch(`${session.server.url}/api/chat/attachments?conversationId=${conversation.id}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'X-File-Name': 'invoice-2026.pdf' },
      body: '%PDF-1.7 invoice',
    });
    const file = (await upload.json()) as { id: string; url: string };
    expect(await request(customer, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: '', attachmentIds: [file.id] })).toMatchObject({ ok: true });
    await page.goto(`${session.server.url}/admin/inbox#conversation-${conversation.id}`);
    const link = page.getByRole('list', { name: 'Messages' }).getByRole('link', { name: /invoice-2026\.pdf/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(file.url);
  });

  it('says so when the operator signs out in another tab', async () => {
    await page.goto(`${session.server.url}/admin/inbox`);
    await page.getByRole('status').getByText('Connected').waitFor();
    const other = await context.newPage();
    await other.goto(`${session.server.url}/admin/profile`);
    await other.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').getByText('Signed out — sign in again').waitFor({ timeout: 5_000 });
    expect(await page.getByRole('link', { name: 'sign in again' }).getAttribute('href')).toBe('/admin/login?next=%2Fadmin%2Finbox');
  });
});
