import nodemailer from 'nodemailer';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';
import { freePort } from '../support/server-process.ts';
import { SmtpSink } from '../support/smtp-sink.ts';

const REPLY_DOMAIN = 'help.acme.example';
const VISITOR_EMAIL = 'ann@example.com';

/** Open every day round the clock, but closed from yesterday to tomorrow (UTC): away now, whatever the hour. */
function closedNow(): object {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const allDay = [{ start: '00:00', end: '24:00' }];
  return { timeZone: 'UTC', weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay])), closures: [{ from: day(-1), to: day(1), label: 'Team days' }] };
}

/**
 * The whole loop with nothing faked: a real SMTP server receives what the app sends, the app's own SMTP
 * receiver takes the visitor's answer, and both people use Chromium.
 */
describe('the deflection loop over real email: 😞 → the author → away → email → reply by email → the inbox', () => {
  let sink: SmtpSink;
  let inboundPort: number;
  beforeAll(async () => {
    [sink, inboundPort] = await Promise.all([SmtpSink.start(), freePort()]);
  });
  const session = useServerAndBrowser(() => ({
    SMTP_URL: sink.url,
    MAIL_FROM: 'Acme Help <help@acme.example>',
    MAIL_REPLY_DOMAIN: REPLY_DOMAIN,
    INBOUND_SMTP_PORT: String(inboundPort),
    INBOUND_SMTP_HOST: '127.0.0.1',
    // Emailed as soon as the reply is known to be unseen, instead of two minutes later.
    CHAT_EMAIL_DELAY_MS: '200',
  }));
  const contexts: BrowserContext[] = [];
  let db: pg.Client;
  let author: { name: string; cookie: string };
  let article: { id: number; title: string };

  const newPage = async (cookie?: string): Promise<Page> => {
    const context = await session.browser.newContext();
    contexts.push(context);
    if (cookie) await context.addCookies([{ name: 'deflect_session', value: cookie, url: session.server.url, httpOnly: true, sameSite: 'Lax' }]);
    return context.newPage();
  };

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    article = (await db.query<{ id: number; title: string }>("SELECT id, title FROM articles WHERE slug = 'reset-password' AND locale = 'en'")).rows[0]!;
    // The article's author (imported from its frontmatter) has an operator account.
    const { rows } = await db.query<{ id: number; name: string }>(
      "INSERT INTO users (email, name, password_hash, roles, author_id) SELECT email, name, NULL, ARRAY['operator']::varchar[], id FROM authors WHERE id = (SELECT author_id FROM articles WHERE id = $1) RETURNING id, name",
      [article.id],
    );
    const cookie = randomToken();
    await db.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(cookie), rows[0]!.id]);
    author = { name: rows[0]!.name, cookie };
    await db.query('UPDATE teams SET schedule = $1', [JSON.stringify(closedNow())]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await db?.end();
    await sink?.close();
  });

  it('reaches the author, mails their reply while the visitor is gone, and brings the emailed answer back live', async () => {
    // The visitor: 😞 under the article opens the chat about it; the team is away, so it asks for an email.
    const visitor = await newPage();
    await visitor.goto(`${session.server.url}/en/account/reset-password`);
    await visitor.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await visitor.locator('.article-feedback').scrollIntoViewIfNeeded();
    await visitor.locator('astro-island[component-url*="ArticleFeedback"]:not([ssr])').waitFor({ state: 'attached' });
    await visitor.getByRole('button', { name: "No, it didn't" }).click();
    const dialog = visitor.getByRole('dialog', { name: 'Chat with the team' });
    await dialog.getByText(`About: ${article.title}`).waitFor();
    await dialog.getByRole('status').filter({ hasText: /^We’re away — back / }).waitFor();
    await dialog.getByText('Leave your email and we’ll answer there.').waitFor();
    await dialog.getByLabel('Your message').fill('The reset email never arrives');
    await dialog.getByLabel('Your message').press('Enter');

    // The author, signed in elsewhere, finds it in "Mine": routing handed it to them.
    const inbox = await newPage(author.cookie);
    await inbox.goto(`${session.server.url}/admin/inbox`);
    await inbox.getByRole('status').getByText('Connected').waitFor();
    await inbox.getByRole('tab', { name: /^Mine 1$/ }).click();
    // Its last line is routing's event, so the row shows that rather than the visitor's words.
    const row = inbox.getByRole('button', { name: new RegExp(`Assigned to ${author.name} \\(author of the article\\)`) });
    await row.waitFor();
    expect(await row.locator('.inbox-row-owner').textContent()).toMatch(/^You · /);
    await row.click();
    const timeline = inbox.getByRole('list', { name: 'Messages' });
    await timeline.locator('.inbox-from-visitor', { hasText: 'The reset email never arrives' }).waitFor();
    await inbox.locator('.inbox-pane-head').getByText(`from ${article.title} · 😞`).waitFor();

    // The visitor leaves an address and goes away without waiting.
    await dialog.getByRole('textbox', { name: 'Get replies by email' }).fill(VISITOR_EMAIL);
    await dialog.getByRole('button', { name: 'Save address' }).click();
    await dialog.getByRole('status').filter({ hasText: `Replies you miss go to ${VISITOR_EMAIL}.` }).first().waitFor();
    await visitor.context().close();

    // The author answers; the visitor never reads it in the chat, so it goes out by email.
    const answer = 'Check your spam folder, then ask for a new link.';
    await inbox.getByLabel('Reply to the visitor').fill(answer);
    await inbox.getByLabel('Reply to the visitor').press('Enter');
    await timeline.locator('.inbox-from-agent', { hasText: answer }).waitFor();
    const mail = await waitForMail(sink, (m) => m.to.includes(VISITOR_EMAIL));
    expect(mail.from).toBe('help@acme.example');
    expect(mail.replyTo).toMatch(new RegExp(`^reply\\+\\d+-[0-9a-f]+@${REPLY_DOMAIN.replace(/\./g, '\\.')}$`));
    expect(mail.text).toContain(answer);
    expect(mail.text).toContain(`${session.server.url}/#chat-resume=`);

    // The visitor answers from their mail program, quoting the email and signing; it arrives over SMTP.
    await nodemailer.createTransport({ host: '127.0.0.1', port: inboundPort, ignoreTLS: true }).sendMail({
      from: `Ann <${VISITOR_EMAIL}>`,
      to: mail.replyTo!,
      subject: `Re: ${mail.subject}`,
      text: `Found it in spam, thank you!\n\n-- \nAnn Smith\nAcme Customer\n\nOn Tue, 24 Nov 2026 at 03:10, Acme Help <${mail.replyTo}> wrote:\n> ${answer}\n`,
    });

    // The author sees it live, without reloading: only what the visitor wrote.
    const reply = timeline.locator('.inbox-from-visitor', { hasText: 'Found it in spam' });
    await reply.waitFor();
    expect(await reply.locator('.inbox-message-body').textContent()).toBe('Found it in spam, thank you!');
    expect(await timeline.locator('.inbox-from-visitor').count()).toBe(2);
  });
});

/** Resolves with the first received mail that matches, waiting for it (the workers poll every few seconds). */
async function waitForMail(sink: SmtpSink, matches: (mail: SmtpSink['received'][number]) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = sink.received.find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching mail in ${timeoutMs} ms; received: ${JSON.stringify(sink.received.map((m) => ({ to: m.to, subject: m.subject })))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
