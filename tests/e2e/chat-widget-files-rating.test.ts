import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import sharp from 'sharp';
import type { BrowserContext } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';
import { openChat } from '../support/widget-pages.ts';

type MessageView = { conversationId: number; seq: number; sender: string; kind: string; body: string };

describe('chat widget: files, emoji, notifications and rating', () => {
  const session = useServerAndBrowser();
  let operator: Socket;
  let operatorToken: string;
  const contexts: BrowserContext[] = [];
  /** Every message the operator's socket received, in arrival order. */
  const inbox: MessageView[] = [];
  const arrived = (match: (m: MessageView) => boolean) =>
    new Promise<MessageView>((resolve) => {
      const found = inbox.find(match);
      if (found) return resolve(found);
      const onMessage = (m: MessageView) => match(m) && (operator.off('message', onMessage), resolve(m));
      operator.on('message', onMessage);
    });
  const act = (event: string, payload: object) => operator.timeout(5_000).emitWithAck(event, payload) as Promise<{ ok: boolean }>;
  const reply = (conversationId: number, body: string) => act('message:send', { conversationId, clientId: randomUUID(), body, kind: 'text' });
  const newPage = async (options: { operator?: boolean } = {}) => {
    const context = await session.browser.newContext();
    contexts.push(context);
    if (options.operator) await context.addCookies([{ name: 'deflect_session', value: operatorToken, url: session.server.url, httpOnly: true, sameSite: 'Lax' }]);
    return context.newPage();
  };
  /** A visitor's page with the panel open and a conversation started by `opening`. */
  const visitorWithConversation = async (opening: string) => {
    const page = await newPage();
    await openChat(page, `${session.server.url}/en/billing`);
    await page.getByLabel('Your message').fill(opening);
    await page.getByLabel('Your message').press('Enter');
    const first = await arrived((m) => m.body === opening);
    return { page, dialog: page.getByRole('dialog', { name: 'Chat with the team' }), conversationId: first.conversationId };
  };

  beforeAll(async () => {
    const db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ('olga@acme.example', 'Olga', NULL, ARRAY['operator']::varchar[]) RETURNING id");
    operatorToken = randomToken();
    await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(operatorToken), rows[0]!.id]);
    await db.end();
    operator = io(`${session.server.url}/agent`, { transports: ['websocket'], extraHeaders: { cookie: `deflect_session=${operatorToken}` }, forceNew: true });
    operator.on('message', (m: MessageView) => inbox.push(m));
    await new Promise<void>((resolve, reject) => {
      operator.once('connect', resolve);
      operator.once('connect_error', reject);
    });
  });
  afterAll(async () => {
    operator?.disconnect();
    for (const context of contexts) await context.close();
  });

  it('sends an image picked with the attach button, which the operator’s inbox shows; a refused file says why and keeps the text', async () => {
    const { page, dialog, conversationId } = await visitorWithConversation('My invoice page looks broken');
    const screenshot = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.getByRole('button', { name: 'Attach files' }).click()]);
    await chooser.setFiles({ name: 'screen.png', mimeType: 'image/png', buffer: screenshot });
    const toSend = dialog.getByRole('list', { name: 'Files to send' });
    await toSend.getByRole('img', { name: 'screen.png' }).waitFor();
    await toSend.getByRole('progressbar').waitFor({ state: 'detached' }); // uploaded
    await page.getByLabel('Your message').press('Enter'); // only the file: no text needed

    const sent = await arrived((m) => m.conversationId === conversationId && m.body === '' && m.sender === 'visitor');
    expect(sent.seq).toBe(2);
    await dialog.locator('.chat-message--mine img[alt="screen.webp"]').waitFor();
    expect(await toSend.count()).toBe(0);
    const inboxPage = await newPage({ operator: true });
    await inboxPage.goto(`${session.server.url}/admin/inbox#conversation-${conversationId}`);
    await inboxPage.getByRole('list', { name: 'Messages' }).getByRole('link', { name: /screen\.webp/ }).waitFor();

    // A program renamed to .png: the server refuses it by its bytes and says what is accepted.
    await page.getByLabel('Your message').fill('Here is the log as well');
    await page.locator('input[type=file]').setInputFiles({ name: 'log.png', mimeType: 'image/png', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]) });
    await dialog.getByRole('alert').getByText('log.png: Only images (PNG, JPEG, WebP, GIF), PDF, ZIP and plain-text files can be sent.').waitFor();
    expect(await page.getByLabel('Your message').inputValue()).toBe('Here is the log as well');
    expect(await toSend.count()).toBe(0);

    // A picked file can be removed before sending; then the text goes alone.
    await page.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('steps to reproduce') });
    await toSend.getByText('notes.txt').waitFor();
    await toSend.getByRole('button', { name: 'Remove notes.txt' }).click();
    expect(await toSend.count()).toBe(0);
    await page.getByLabel('Your message').press('Enter');
    const text = await arrived((m) => m.body === 'Here is the log as well');
    expect(text.seq).toBe(3);
  });

  it('in Russian: asks for a first message before files, and inserts an emoji at the cursor from a keyboard-navigable grid', async () => {
    const page = await newPage();
    await page.goto(`${session.server.url}/ru`);
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await page.getByRole('button', { name: 'Написать нам' }).click();
    await page.getByRole('dialog', { name: 'Помощь' }).getByRole('button', { name: 'Отправить сообщение' }).click();
    const dialog = page.getByRole('dialog', { name: 'Чат с поддержкой' });
    const composer = page.getByLabel('Ваше сообщение');
    // No conversation yet, so nowhere to upload into: the widget says what to do, the text stays.
    await composer.fill('Спасибо!');
    await page.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('steps') });
    await dialog.getByRole('alert').getByText('Сначала отправьте сообщение — потом можно добавить файлы.').waitFor();
    expect(await composer.inputValue()).toBe('Спасибо!');

    await composer.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(7, 7));
    await dialog.getByRole('button', { name: 'Вставить эмодзи' }).click();
    const grid = dialog.getByRole('group', { name: 'Эмодзи' });
    expect(await grid.getByRole('button').count()).toBe(40);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('широкая улыбка');
    // 🙏 is the 20th: two rows down (8 a row) and three to the right.
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('спасибо');
    await page.keyboard.press('Enter');
    expect(await composer.inputValue()).toBe('Спасибо🙏!');
    expect(await grid.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');

    await dialog.getByRole('button', { name: 'Вставить эмодзи' }).click();
    await page.keyboard.press('Escape'); // closes the grid, not the chat
    expect(await grid.count()).toBe(0);
    expect(await dialog.isVisible()).toBe(true);
  });

  it('asks the visitor to rate the conversation once the operator closes it; the operator sees the rating live', async () => {
    const { page, dialog, conversationId } = await visitorWithConversation('Can I get an invoice in my company’s name?');
    expect((await reply(conversationId, 'Done — see Billing → Invoices.')).ok).toBe(true);
    const inboxPage = await newPage({ operator: true });
    await inboxPage.goto(`${session.server.url}/admin/inbox#conversation-${conversationId}`);
    const operatorTimeline = inboxPage.getByRole('list', { name: 'Messages' });
    await operatorTimeline.getByText('Done — see Billing → Invoices.').waitFor();

    expect((await act('conversation:close', { conversationId })).ok).toBe(true);
    const prompt = dialog.getByRole('group', { name: 'How was the conversation?' });
    await prompt.waitFor();
    expect(await prompt.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.getAttribute('aria-label')))).toEqual(['Bad', 'Okay', 'Great']);
    expect((await prompt.textContent())?.replace(/\s/g, '')).toContain('😞😐😃');
    await prompt.getByRole('radio', { name: 'Great' }).check();
    await dialog.getByLabel('Comment (optional)').fill('Fast and friendly, thanks Olga!');
    const axe = await new AxeBuilder({ page }).include('.chat-widget-region').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await dialog.getByRole('button', { name: 'Send rating' }).click();
    await dialog.getByRole('status').getByText('Thank you for your rating!', { exact: false }).waitFor();

    await operatorTimeline.getByText('Visitor rated 😃: Fast and friendly, thanks Olga!').waitFor();
    // The rating is the server's: after a reload the prompt shows it, ready to be changed.
    await page.reload();
    await prompt.waitFor();
    // (The prompt is drawn first; the stored rating arrives with the server's answer a moment later.)
    await expect.poll(() => prompt.getByRole('radio', { name: 'Great' }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Comment (optional)').inputValue()).toBe('Fast and friendly, thanks Olga!');
  });

  it('counts a reply in the tab title and chimes while the panel is closed; the chime can be muted', async () => {
    const { page, dialog, conversationId } = await visitorWithConversation('Is the API rate-limited?');
    const title = await page.title();
    await page.evaluate(() => {
      // Counts the chime's notes: the sound itself can't be heard here, its oscillators can be counted.
      const original = AudioContext.prototype.createOscillator;
      Object.assign(window, { notes: 0 });
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        (window as unknown as { notes: number }).notes += 1;
        return original.call(this);
      };
    });
    const notes = () => page.evaluate(() => (window as unknown as { notes: number }).notes);

    await page.getByRole('button', { name: 'Close chat' }).click();
    expect((await reply(conversationId, 'Yes: 100 requests a minute.')).ok).toBe(true);
    await page.waitForFunction((original) => document.title === `(1) New message — ${original}`, title);
    expect(await notes()).toBe(2);

    // Looking at the conversation reads it: the title comes back.
    await page.getByRole('button', { name: /^Chat with us/ }).click();
    await page.waitForFunction((original) => document.title === original, title);

    const sound = dialog.getByRole('button', { name: 'Sound for new messages' });
    expect(await sound.getAttribute('aria-pressed')).toBe('true');
    await sound.click();
    expect(await sound.getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Close chat' }).click();
    expect((await reply(conversationId, 'And 10 000 a day.')).ok).toBe(true);
    await page.waitForFunction((original) => document.title === `(1) New message — ${original}`, title);
    expect(await notes()).toBe(2); // muted: the title still tells, the chime doesn't

    await page.reload();
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await page.getByRole('button', { name: /^Chat with us/ }).click();
    expect(await dialog.getByRole('button', { name: 'Sound for new messages' }).getAttribute('aria-pressed')).toBe('false');
  });
});
