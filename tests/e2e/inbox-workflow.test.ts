import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { connectClient, request, type ClientSocket } from '../support/chat-harness.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

type Ok<T> = { ok: true } & T;

describe('the operator inbox: transfer, snooze, visitor sidebar', () => {
  const session = useServerAndBrowser();
  const sockets: ClientSocket[] = [];
  let olga: Page;
  let bob: Page;

  /** A signed-in operator's inbox in a browser context of their own. */
  const operatorPage = async (db: pg.Client, email: string, name: string): Promise<Page> => {
    const { rows } = await db.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, NULL, ARRAY['operator']::varchar[]) RETURNING id", [email, name]);
    const token = randomToken();
    await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
    const context = await session.browser.newContext();
    await context.addCookies([{ name: 'deflect_session', value: token, url: session.server.url, httpOnly: true, sameSite: 'Lax' }]);
    return context.newPage();
  };
  const openInbox = async (page: Page, hash = '') => {
    await page.goto(`${session.server.url}/admin/inbox${hash}`);
    await page.getByRole('status').getByText('Connected').waitFor();
  };
  const visitor = async (body: string) => {
    const socket = await connectClient(session.server.url, '/visitor', { auth: { context: { locale: 'en', page: '/en' } } });
    sockets.push(socket);
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(socket, 'conversation:start', { clientId: randomUUID(), body });
    return { socket, conversationId: conversation.id };
  };

  beforeAll(async () => {
    const db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    olga = await operatorPage(db, 'olga@acme.example', 'Olga Operator');
    bob = await operatorPage(db, 'bob@acme.example', 'Bob Billing');
    await db.end();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
  });

  it('transfers with a note: the new owner sees it under Mine live, with the note in the timeline', async () => {
    await openInbox(bob);
    await bob.getByRole('tab', { name: /^Mine 0$/ }).waitFor();
    const { conversationId } = await visitor('I was charged twice in March');
    await openInbox(olga, `#conversation-${conversationId}`);
    await olga.getByRole('list', { name: 'Messages' }).getByText('I was charged twice in March').waitFor();

    // Keyboard only: t opens the picker on the first operator (by name: Bob), Space chooses, Tab reaches the note.
    await olga.keyboard.press('t');
    const picker = olga.getByRole('dialog', { name: 'Assign or transfer' });
    await picker.waitFor();
    expect(await picker.getByText('Bob Billing').locator('..').textContent()).toMatch(/Bob Billing\s*(online|away|offline)/);
    await olga.keyboard.press('Space');
    expect(await picker.getByRole('radio', { name: /Bob Billing/ }).isChecked()).toBe(true);
    await olga.keyboard.press('Tab');
    await olga.keyboard.type('Double charge confirmed, needs a refund from billing');
    expect(await picker.getByRole('button', { name: 'Transfer with note' }).count()).toBe(1);
    await olga.keyboard.press('Tab');
    await olga.keyboard.press('Enter');
    await picker.waitFor({ state: 'hidden' });
    await olga.getByRole('heading', { level: 2 }).locator('..').getByText(/Assigned to Bob Billing/).waitFor();

    // Bob: under Mine without a reload, the note and the event in the timeline.
    await bob.getByRole('tab', { name: /^Mine 1$/ }).click();
    await bob.getByRole('button', { name: /I was charged twice in March|Transferred to Bob Billing/ }).click();
    const timeline = bob.getByRole('list', { name: 'Messages' });
    const note = timeline.locator('li', { hasText: 'Double charge confirmed, needs a refund from billing' });
    await note.waitFor();
    expect(await note.textContent()).toContain('Internal note');
    await timeline.getByText('Transferred to Bob Billing by Olga Operator').waitFor();
    expect(await bob.getByText('Assigned to you').count()).toBe(1);
  });

  it('snoozes a conversation out of the list; it comes back when the visitor writes', async () => {
    const { socket, conversationId } = await visitor('Please call me back next week');
    await openInbox(olga, `#conversation-${conversationId}`);
    const row = olga.getByRole('button', { name: /Please call me back next week/ });
    await olga.getByRole('tab', { name: /^Unassigned/ }).click();
    await row.waitFor();
    const unassigned = Number(/\d+$/.exec((await olga.getByRole('tab', { name: /^Unassigned/ }).textContent())!.trim())![0]);

    await olga.getByRole('button', { name: 'Snooze…' }).click();
    const choices = olga.getByRole('dialog', { name: 'Snooze until…' });
    await choices.getByRole('button', { name: /^1 hour/ }).click();
    await choices.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    await olga.getByRole('tab', { name: new RegExp(`^Unassigned ${unassigned - 1}$`) }).waitFor();
    await olga.getByRole('tab', { name: /^Snoozed 1$/ }).waitFor();
    await olga.getByRole('list', { name: 'Messages' }).getByText(/^Snoozed until .* by Olga Operator/).waitFor();
    await olga.getByRole('button', { name: 'Unsnooze' }).waitFor();

    await request(socket, 'message:send', { conversationId, clientId: randomUUID(), body: 'Actually, I am free now' });
    await olga.getByRole('button', { name: /Actually, I am free now/ }).waitFor({ timeout: 2_000 });
    await olga.getByRole('tab', { name: /^Snoozed 0$/ }).waitFor();
    await olga.getByRole('tab', { name: new RegExp(`^Unassigned ${unassigned}$`) }).waitFor();
  });

  it('shows the page the visitor is on in the sidebar, and follows them to the next page', async () => {
    const customerContext = await session.browser.newContext();
    const customer = await customerContext.newPage();
    await customer.goto(`${session.server.url}/en/billing/refunds`);
    await customer.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await customer.getByRole('button', { name: 'Chat with us' }).click();
    await customer.getByRole('button', { name: 'Send us a message' }).click();
    await customer.getByLabel('Your message').fill('Where is my refund?');
    await customer.getByLabel('Your message').press('Enter');

    await openInbox(olga);
    await olga.getByRole('button', { name: /Where is my refund\?/ }).click();
    const sidebar = olga.getByRole('complementary', { name: 'Visitor' });
    const fact = (name: string) => sidebar.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
    await fact('Current page').getByText('/en/billing/refunds').waitFor();
    expect(await fact('Status').textContent()).toContain('online');
    expect(await fact('Browser').textContent()).toMatch(/Chrome/);
    expect(await fact('Local time').textContent()).toMatch(/\d{2}:\d{2}/);

    // A new page is a new connection with the new context: the sidebar reads it again.
    await customer.goto(`${session.server.url}/en/billing/invoices`);
    await fact('Current page').getByText('/en/billing/invoices').waitFor({ timeout: 5_000 });
    expect(await sidebar.getByRole('listitem').filter({ hasText: '/en/billing/refunds' }).count()).toBeGreaterThan(0);

    const axe = await new AxeBuilder({ page: olga }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await customerContext.close();
  });
});
