import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';
import { openChat } from '../support/widget-pages.ts';

describe('the operator composer', () => {
  const session = useServerAndBrowser();
  let db: pg.Client;
  let operatorContext: BrowserContext;
  let inbox: Page;
  let visitorPage: Page;

  /** An operator signed in the way the login form would leave them: a session row and its cookie. */
  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ('olga@acme.example', 'Olga Operator', NULL, ARRAY['operator']::varchar[]) RETURNING id");
    const token = randomToken();
    await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
    operatorContext = await session.browser.newContext();
    await operatorContext.addCookies([{ name: 'deflect_session', value: token, url: session.server.url, httpOnly: true, sameSite: 'Lax' }]);
    inbox = await operatorContext.newPage();
    visitorPage = await (await session.browser.newContext()).newPage();
  });
  afterAll(async () => {
    await operatorContext?.close();
    await db?.end();
  });

  it('saves a reply in the admin, refusing a bad shortcut without losing what was typed', async () => {
    await inbox.goto(`${session.server.url}/admin`);
    await inbox.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Saved replies' }).click();
    await inbox.getByRole('link', { name: 'New saved reply' }).click();
    await inbox.getByLabel('Title').fill('Refund approved');
    await inbox.getByLabel('Shortcut').fill('refund approved');
    await inbox.getByLabel('Reply').fill('Hi {{visitor.name}}, your refund is on its way. {{order.number}} — {{operator.first_name}}');
    await inbox.getByRole('button', { name: 'Create saved reply' }).click();
    expect(await inbox.getByRole('alert').textContent()).toContain('shortcut: use letters, digits, - and _ only (no spaces)');
    expect(await inbox.getByLabel('Shortcut').getAttribute('aria-invalid')).toBe('true');
    expect(await inbox.getByLabel('Reply').inputValue()).toContain('{{order.number}}');
    await inbox.getByLabel('Shortcut').fill('/refund');
    await inbox.getByRole('button', { name: 'Create saved reply' }).click();
    await inbox.getByRole('status').getByText('Created /refund.').waitFor();
    expect(await inbox.getByRole('cell', { name: 'Refund approved' }).count()).toBe(1);
  });

  it('/ + part of a shortcut, Enter: the reply with the visitor’s name is in the composer, sent, and the visitor sees it', async () => {
    await openChat(visitorPage, `${session.server.url}/en/billing`);
    await visitorPage.getByLabel('Your message').fill('I was charged twice');
    await visitorPage.getByLabel('Your message').press('Enter');
    await visitorPage.locator('.chat-message--mine', { hasText: 'Sent' }).waitFor();
    // A host site would vouch for the name; here it is written where that identity would put it.
    await db.query("UPDATE visitors SET name = 'Grace Hopper' WHERE id = (SELECT visitor_id FROM conversations ORDER BY id DESC LIMIT 1)");

    await inbox.goto(`${session.server.url}/admin/inbox`);
    await inbox.getByRole('button', { name: /Grace Hopper.*I was charged twice/ }).click();
    const reply = inbox.getByLabel('Reply to the visitor');
    await reply.pressSequentially('Sure! /ref');
    const listbox = inbox.getByRole('listbox', { name: 'Saved replies' });
    await listbox.waitFor();
    expect(await listbox.getByRole('option').allTextContents()).toEqual([expect.stringContaining('/refund Refund approved')]);
    expect(await reply.getAttribute('aria-activedescendant')).toBe(await listbox.getByRole('option').getAttribute('id'));
    await reply.press('Enter');
    // Placeholders filled in; the unknown one stays visible for the operator to notice.
    expect(await reply.inputValue()).toBe('Sure! Hi Grace Hopper, your refund is on its way. {{order.number}} — Olga');
    expect(await listbox.count()).toBe(0);
    await reply.fill('Sure! Hi Grace Hopper, your refund is on its way. — Olga');
    // Escape closes the popup and keeps the text (and the focus) in the composer.
    await reply.press('End');
    await reply.pressSequentially(' /zz');
    await inbox.getByText('No saved reply matches “/zz”.').waitFor();
    await reply.press('Escape');
    expect(await inbox.getByText('No saved reply matches').count()).toBe(0);
    expect(await inbox.evaluate(() => document.activeElement?.id)).toBe('inbox-composer-text');
    await reply.fill('Sure! Hi Grace Hopper, your refund is on its way. — Olga');
    await reply.press('Enter');
    await visitorPage.locator('.chat-message--theirs', { hasText: 'Sure! Hi Grace Hopper, your refund is on its way. — Olga' }).waitFor();
  });

  it('inserts an article: the visitor gets the card and reads the article inside the widget', async () => {
    // The i hotkey, outside the composer, opens the article search.
    await inbox.getByLabel('Reply to the visitor').press('Escape');
    await inbox.keyboard.press('i');
    const picker = inbox.getByRole('dialog', { name: 'Insert an article' });
    await picker.waitFor();
    await picker.getByLabel('Search the help center').fill('refund');
    await picker.getByRole('button', { name: /Request a refund/ }).click();
    expect(await picker.isVisible()).toBe(false);
    await inbox.getByRole('link', { name: 'Request a refund' }).waitFor();
    await inbox.getByLabel('Reply to the visitor').fill('This explains it:');
    await inbox.getByRole('button', { name: 'Send', exact: true }).click();
    await inbox.getByRole('list', { name: 'Messages' }).getByRole('link', { name: 'Request a refund' }).waitFor();

    const widget = visitorPage.getByRole('dialog', { name: 'Chat with the team' });
    const card = widget.getByRole('group', { name: 'Request a refund' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Learn when Acme Projects issues refunds');
    expect(await card.getByRole('link', { name: 'Open in a new tab' }).getAttribute('href')).toBe('/en/billing/refunds');
    await card.getByRole('button', { name: 'Read here' }).click();
    const reader = widget.getByRole('region', { name: 'Request a refund' });
    await reader.getByRole('heading', { name: 'Refund policy at a glance' }).waitFor();
    expect(await visitorPage.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Back to the conversation');
    const axe = await new AxeBuilder({ page: visitorPage }).include('.chat-widget-region').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // Escape goes back to the conversation, not out of the chat.
    await visitorPage.keyboard.press('Escape');
    expect(await reader.count()).toBe(0);
    expect(await widget.isVisible()).toBe(true);
    expect(await visitorPage.evaluate(() => document.activeElement?.textContent)).toBe('Read here');
  });

  it('sends files added with the button, by pasting and by dropping, previewed before sending; inserts an emoji', async () => {
    const reply = inbox.getByLabel('Reply to the visitor');
    await inbox.locator('.inbox-composer input[type="file"]').setInputFiles({ name: 'steps.txt', mimeType: 'text/plain', buffer: Buffer.from('1. Open Billing\n2. Click Refund\n') });
    const png = (await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2255aa' } }).png().toBuffer()).toString('base64');
    // A screenshot pasted into the reply, and a PDF dropped on the composer, as the browser hands them over.
    await reply.evaluate((textarea, base64) => {
      const files = new DataTransfer();
      files.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'screenshot.png', { type: 'image/png' }));
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files, bubbles: true, cancelable: true }));
      const dropped = new DataTransfer();
      dropped.items.add(new File(['%PDF-1.7\n'], 'invoice.pdf', { type: 'application/pdf' }));
      textarea.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    }, png);
    const tray = inbox.getByRole('list', { name: 'Files to send' });
    for (const name of ['steps.txt', 'screenshot.png', 'invoice.pdf']) await tray.getByRole('listitem').filter({ hasText: name }).getByText('Ready').waitFor();
    expect(await tray.locator('img').count()).toBe(1);
    expect(await reply.inputValue()).toBe('');
    // An emoji goes where the caret was; Escape closes the grid and gives focus back to its button.
    await reply.fill('Here you go ');
    await inbox.getByRole('button', { name: 'Emoji' }).click();
    await inbox.getByRole('group', { name: 'Insert an emoji' }).getByRole('button', { name: 'Thumbs up' }).click();
    expect(await reply.inputValue()).toBe('Here you go 👍');
    await inbox.getByRole('button', { name: 'Emoji' }).click();
    await inbox.keyboard.press('Escape');
    expect(await inbox.getByRole('group', { name: 'Insert an emoji' }).count()).toBe(0);
    expect(await inbox.evaluate(() => [document.activeElement?.textContent?.trim(), document.activeElement?.getAttribute('aria-expanded')])).toEqual(['🙂 Emoji', 'false']);
    await reply.fill('The steps, the screenshot and the invoice');
    await reply.press('Enter');
    const sent = visitorPage.locator('.chat-message--theirs', { hasText: 'The steps, the screenshot and the invoice' });
    await sent.waitFor();
    expect(await sent.getByRole('link').count()).toBe(3);
    await sent.getByRole('img', { name: 'screenshot.webp' }).waitFor();
    expect(await tray.count()).toBe(0);
    const axe = await new AxeBuilder({ page: inbox }).include('.inbox-composer').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
