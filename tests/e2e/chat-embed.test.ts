import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

type MessageView = { conversationId: number; seq: number; body: string; sender: string };
type HostEvent = { name: string; detail: Record<string, unknown> };

/**
 * Another company's web app on another origin (`localhost`, while the help center is on 127.0.0.1: another
 * site, as in production). `/page?lang=&script=` is a page with the documented snippet, the test's own
 * commands in `script`; `/page?ad=1` also holds an ad frame from `adOrigin`.
 */
function startSite(page: (url: URL) => string): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page(new URL(req.url ?? '/', 'http://localhost')));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const originOf = (server: Server) => `http://localhost:${(server.address() as AddressInfo).port}`;

describe('the chat embedded on another site', () => {
  let hostSite: Server;
  let otherSite: Server;
  beforeAll(async () => {
    // Started before the app: their origins go into its configuration.
    hostSite = await startSite((url) => hostPage(url.searchParams.get('lang') ?? 'en', url.searchParams.get('script') ?? '', url.searchParams.has('ad')));
    otherSite = await startSite((url) => (url.pathname === '/ad' ? '<!doctype html><title>Ad</title><p>Buy now</p>' : hostPage('en', url.searchParams.get('script') ?? '', false)));
  });
  const session = useServerAndBrowser(() => ({ CHAT_ALLOWED_ORIGINS: originOf(hostSite) }));

  /** The snippet from the README, plus a record of the events the host page hears. */
  const hostPage = (lang: string, script: string, ad: boolean) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Acme App</title></head>
<body><h1>Acme App</h1>
${ad ? `<iframe id="ad" title="Advertisement" src="${originOf(otherSite)}/ad"></iframe>` : ''}
<script>
  window.Deflect = window.Deflect || function () { (Deflect.q = Deflect.q || []).push(arguments); };
  window.hostEvents = [];
  ['open', 'close', 'unread', 'error'].forEach(function (name) { Deflect('on', name, function (detail) { hostEvents.push({ name: name, detail: detail }); }); });
  ${script}
</script>
<script async src="${session.server.url}/embed.js"></script>
</body></html>`;

  let db: pg.Client;
  let operator: Socket;
  const inbox: MessageView[] = [];
  const arrived = (body: string) =>
    new Promise<MessageView>((resolve) => {
      const found = inbox.find((m) => m.body === body);
      if (found) return resolve(found);
      const onMessage = (m: MessageView) => m.body === body && (operator.off('message', onMessage), resolve(m));
      operator.on('message', onMessage);
    });
  const signedInAs = async (roles: string[], email: string) => {
    const { rows } = await db.query<{ id: number }>('INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, NULL, $3::varchar[]) RETURNING id', [email, email.split('@')[0], roles]);
    const token = randomToken();
    await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
    return token;
  };
  const identityKey = async () => (await db.query<{ identity_key: string }>('SELECT identity_key FROM chat_secrets')).rows[0]!.identity_key;
  const count = async (table: 'visitors' | 'messages') => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    const token = await signedInAs(['operator'], 'olga@acme.example');
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
    hostSite?.close();
    otherSite?.close();
  });

  async function visit(context: BrowserContext, query: Record<string, string> = {}, site = hostSite): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${originOf(site)}/page?${new URLSearchParams(query)}`);
    return page;
  }
  const chatFrame = (page: Page) => page.frameLocator('iframe[src*="/embed/frame"]');
  const hostEvents = (page: Page) => page.evaluate(() => (window as unknown as { hostEvents: HostEvent[] }).hostEvents);
  const frameSize = (page: Page) => page.locator('iframe[src*="/embed/frame"]').evaluate((frame) => [frame.clientWidth, frame.clientHeight]);

  it('shows the launcher on the host page; Deflect commands open, prefill and close it; the visitor chats with the team', async () => {
    const context = await session.browser.newContext();
    const page = await visit(context);
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Chat with us' }).waitFor();
    await expect.poll(() => page.locator('iframe[src*="/embed/frame"]').getAttribute('title'), { timeout: 15_000 }).toBe('Chat with the team');
    expect(await frameSize(page)).toEqual([96, 96]);

    await page.evaluate(() => {
      const deflect = (window as unknown as { Deflect: (...args: unknown[]) => void }).Deflect;
      deflect('prefill', 'My invoice shows the wrong amount');
      deflect('open');
    });
    const dialog = frame.getByRole('dialog', { name: 'Chat with the team' });
    await dialog.waitFor();
    await expect.poll(() => frameSize(page), { timeout: 5_000 }).toEqual([420, 680]);
    expect(await frame.getByLabel('Your message').inputValue()).toBe('My invoice shows the wrong amount');
    await frame.getByLabel('Your message').press('Enter');
    const first = await arrived('My invoice shows the wrong amount');
    expect(first.sender).toBe('visitor');
    // The operator sees the host page the visitor wrote from (without its query), not the chat frame's address.
    const { rows: [visitor] } = await db.query<{ context: { page: string; entryPage: string } }>('SELECT v.context FROM visitors v JOIN conversations c ON c.visitor_id = v.id WHERE c.id = $1', [first.conversationId]);
    expect(visitor!.context).toMatchObject({ page: `${originOf(hostSite)}/page`, entryPage: `${originOf(hostSite)}/page` });

    await page.evaluate(() => (window as unknown as { Deflect: (name: string) => void }).Deflect('close'));
    await expect.poll(() => frameSize(page), { timeout: 5_000 }).toEqual([96, 96]);
    const reply = (await operator.timeout(5_000).emitWithAck('message:send', { conversationId: first.conversationId, clientId: randomUUID(), body: 'Sorry! Fixed it.', kind: 'text' })) as { ok: boolean };
    expect(reply.ok).toBe(true);
    await frame.getByRole('button', { name: 'Chat with us (1 unread reply)' }).waitFor();
    await expect.poll(() => hostEvents(page), { timeout: 15_000 }).toEqual([
      { name: 'open', detail: {} },
      { name: 'close', detail: {} },
      { name: 'unread', detail: { count: 1 } },
    ]);

    // By keyboard, from the host page: Tab reaches the launcher inside the frame, Enter opens it.
    await page.locator('h1').click();
    await page.keyboard.press('Tab');
    expect(await frame.locator(':focus').getAttribute('aria-label')).toBe('Chat with us (1 unread reply)');
    await page.keyboard.press('Enter');
    await frame.locator('.chat-message__body', { hasText: 'Sorry! Fixed it.' }).waitFor();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });

  it('serves the loader and the frame with the headers that keep them safe; no other page can be framed by another site', async () => {
    const loader = await fetch(`${session.server.url}/embed.js`);
    expect(loader.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await loader.text()).toContain("var TAG = 'deflect-chat'");
    const frame = await fetch(`${session.server.url}/embed/frame?locale=ru`);
    expect(frame.headers.get('content-security-policy')).toBe(`frame-ancestors 'self' ${session.server.url} ${originOf(hostSite)}`);
    expect(await frame.text()).toContain('lang="ru"');
    // Every other page (help center, admin) refuses to be framed by another site.
    for (const page of ['/en', '/admin/login']) expect((await fetch(`${session.server.url}${page}`)).headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
  });

  it('gives a verified user their history on another device, and forgets them on logout', async () => {
    const userHash = createHmac('sha256', await identityKey()).update('acme-user-42').digest('hex');
    const identify = `Deflect('identify', { userId: 'acme-user-42', userHash: '${userHash}', name: 'Ann Example', email: 'ann@example.com' });`;

    const laptop = await session.browser.newContext();
    const page = await visit(laptop, { script: `${identify} Deflect('open');` });
    // No conversation yet: the widget opens on its home.
    await chatFrame(page).getByRole('button', { name: 'Send us a message' }).click();
    await chatFrame(page).getByLabel('Your message').fill('Where is my order #1001?');
    await chatFrame(page).getByLabel('Your message').press('Enter');
    const asked = await arrived('Where is my order #1001?');
    const { rows } = await db.query('SELECT v.external_id, v.name, v.email FROM visitors v JOIN conversations c ON c.visitor_id = v.id WHERE c.id = $1', [asked.conversationId]);
    expect(rows[0]).toEqual({ external_id: 'acme-user-42', name: 'Ann Example', email: 'ann@example.com' });
    await laptop.close();

    const phone = await session.browser.newContext();
    const other = await visit(phone, { script: `${identify} Deflect('open');` });
    const frame = chatFrame(other);
    await frame.getByRole('button', { name: 'Send us a message' }).click();
    await frame.getByRole('button', { name: 'All conversations' }).click();
    await frame.getByRole('button', { name: /^Conversation of/ }).click();
    await frame.getByText('Where is my order #1001?').waitFor();
    expect(await hostEvents(other)).not.toContainEqual(expect.objectContaining({ name: 'error' }));

    await other.evaluate(() => (window as unknown as { Deflect: (name: string) => void }).Deflect('logout'));
    await frame.getByRole('dialog').waitFor({ state: 'hidden' });
    await frame.getByRole('button', { name: 'Chat with us' }).click();
    await frame.getByRole('button', { name: 'Send us a message' }).click();
    await frame.getByRole('button', { name: 'All conversations' }).click();
    await frame.getByText('No conversations yet.').waitFor();
    await phone.close();
  });

  it('refuses a wrong user_hash with a clear message, in the page’s language, and stores nothing', async () => {
    const wrongHash = createHmac('sha256', await identityKey()).update('acme-user-7').digest('hex');
    const [visitorsBefore, messagesBefore] = [await count('visitors'), await count('messages')];
    const context = await session.browser.newContext();
    const page = await visit(context, {
      lang: 'ru-RU',
      script: `Deflect('identify', { userId: 'acme-user-7', userHash: 'not-a-hash' }); Deflect('identify', { userId: 'acme-user-42', userHash: '${wrongHash}' });`,
    });
    await expect.poll(() => hostEvents(page), { timeout: 15_000 }).toEqual([
      { name: 'error', detail: { code: 'invalid_command', message: 'identify: userHash: user_hash: a hex HMAC-SHA256 (pass { userId, userHash } or { jwt })' } },
      { name: 'error', detail: { code: 'identity_refused', message: 'user_hash does not match user_id' } },
    ]);
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Написать нам' }).click();
    await frame.getByRole('button', { name: 'Отправить сообщение' }).click();
    expect(await frame.getByRole('alert').textContent()).toContain('Не удалось подтвердить, кто вы');
    expect(await frame.getByLabel('Ваше сообщение').count()).toBe(0);
    await frame.getByRole('button', { name: 'Закрыть чат' }).click();
    expect([await count('visitors'), await count('messages')]).toEqual([visitorsBefore, messagesBefore]);
    await context.close();
  });

  it('cannot be framed by a site that is not allowed, nor commanded by another frame on an allowed page', async () => {
    const context = await session.browser.newContext();
    const stranger = await visit(context, { script: "Deflect('open');" }, otherSite);
    await expect.poll(() => stranger.frames().find((f) => f.url().includes('/embed/frame') || f.url().startsWith('chrome-error:'))?.url(), { timeout: 10_000 }).toMatch(/^chrome-error:/);
    await stranger.waitForTimeout(500);
    expect(await frameSize(stranger)).toEqual([96, 96]);
    expect(await hostEvents(stranger)).toEqual([]);

    // An ad on the allowed site posts commands in the loader's own format: the chat ignores them.
    const page = await visit(context, { ad: '1' });
    await chatFrame(page).getByRole('button', { name: 'Chat with us' }).waitFor();
    const ad = page.frames().find((f) => f.url().endsWith('/ad'))!;
    await ad.evaluate(() => {
      for (let i = 0; i < parent.frames.length; i++) parent.frames[i]!.postMessage({ tag: 'deflect-chat', commands: [['prefill', 'sent by the ad'], ['open']] }, '*');
    });
    await page.waitForTimeout(500);
    expect(await chatFrame(page).getByRole('button', { name: 'Chat with us' }).getAttribute('aria-expanded')).toBe('false');
    expect(await frameSize(page)).toEqual([96, 96]);
    // The same commands from the host page itself are obeyed: the ad was refused for who it is.
    await page.evaluate(() => (window as unknown as { Deflect: (...args: string[]) => void }).Deflect('open'));
    await chatFrame(page).getByRole('button', { name: 'Send us a message' }).click();
    expect(await chatFrame(page).getByLabel('Your message').inputValue()).toBe('');
    await context.close();
  });

  it('shows admins the snippet and the identity key, and rotates the key', async () => {
    const token = await signedInAs(['admin'], 'ada@acme.example');
    const context = await session.browser.newContext();
    await context.addCookies([{ name: 'deflect_session', value: token, url: session.server.url }]);
    const page = await context.newPage();
    await page.goto(`${session.server.url}/admin/settings`);
    expect(await page.getByLabel('Snippet').inputValue()).toContain(`<script async src="${session.server.url}/embed.js"></script>`);
    expect(await page.getByText(`Sites allowed to embed the chat`).textContent()).toContain(originOf(hostSite));
    await page.getByText('Show the identity key').click();
    const before = await identityKey();
    expect(await page.getByLabel('Identity key').inputValue()).toBe(before);

    await page.getByLabel(/I understand/).check();
    await page.getByRole('button', { name: 'Rotate identity key' }).click();
    await page.getByRole('status').waitFor();
    const after = await identityKey();
    expect(after).not.toBe(before);
    await page.getByText('Show the identity key').click();
    expect(await page.getByLabel('Identity key').inputValue()).toBe(after);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });
});
