import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/accounts/passwords.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';
import { SmtpSink } from '../support/smtp-sink.ts';

const oldPassword = 'the old passphrase';
const newPassword = 'a fresh passphrase';

describe('password reset by email', () => {
  let smtp: SmtpSink;
  // Registered before the server's hook, so the server starts with this mail server's address.
  beforeAll(async () => {
    smtp = await SmtpSink.start();
  });
  const session = useServerAndBrowser(() => ({ SMTP_URL: smtp.url, MAIL_FROM: 'Acme Help <help@acme.example>' }));
  afterAll(() => smtp?.close());

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: session.server.databaseUrl });
    await client.connect();
    await client.query("INSERT INTO users (email, name, password_hash, roles) VALUES ('ada@acme.example', 'Ada', $1, ARRAY['admin']::varchar[])", [await hashPassword(oldPassword)]);
    await client.end();
  });

  it('forgot → emailed link → new password: signed in, other sessions ended, the old password and the link refused', async () => {
    const elsewhere = await session.browser.newContext();
    const otherPage = await elsewhere.newPage();
    await signIn(otherPage, oldPassword);
    await otherPage.waitForURL('**/admin');

    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/admin/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill('ada@acme.example');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    expect(await page.getByRole('status').textContent()).toContain('If an active account uses ada@acme.example, we have sent it a link');

    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['ada@acme.example']);
    expect(mail!.subject).toBe('Reset your password for Acme Help admin');
    const link = /http:\/\/\S+\/admin\/reset\?token=\S+/.exec(mail!.text)?.[0];
    expect(link).toMatch(`${session.server.url}/admin/reset?token=`);

    await page.goto(link!);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Choose a new password');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await page.waitForURL('**/admin');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome, Ada');

    // The session opened before the reset is gone.
    await otherPage.reload();
    expect(new URL(otherPage.url()).pathname).toBe('/admin/login');
    await signIn(otherPage, oldPassword);
    expect(await otherPage.getByRole('alert').textContent()).toContain('do not match');
    await signIn(otherPage, newPassword);
    await otherPage.waitForURL('**/admin');

    const again = await page.goto(link!);
    expect(again?.status()).toBe(410);
    expect(await page.getByRole('alert').textContent()).toContain('invalid, already used or expired');
    await Promise.all([context.close(), elsewhere.close()]);
  });

  it('answers an unknown address the same way and sends nothing; too many requests are refused with a wait', async () => {
    const page = await session.browser.newPage();
    const received = smtp.received.length;
    for (let i = 1; i <= 3; i++) {
      await page.goto(`${session.server.url}/admin/forgot`);
      await page.getByLabel('Email').fill('nobody@acme.example');
      await page.getByRole('button', { name: 'Send reset link' }).click();
      expect(await page.getByRole('status').textContent()).toContain('If an active account uses nobody@acme.example, we have sent it a link');
    }
    await page.goto(`${session.server.url}/admin/forgot`);
    await page.getByLabel('Email').fill('nobody@acme.example');
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Send reset link' }).click()]);
    expect(response.status()).toBe(429);
    expect(await page.getByRole('alert').textContent()).toMatch(/Too many reset requests\. Try again in \d+ minutes\./);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.length).toBe(received);
    await page.close();
  });

  async function accessibilityViolations(page: Page): Promise<string[]> {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return results.violations.map((violation) => `${new URL(page.url()).pathname} ${violation.id}`);
  }

  async function signIn(page: Page, password: string): Promise<void> {
    if (!page.url().endsWith('/admin/login')) await page.goto(`${session.server.url}/admin/login`);
    await page.getByLabel('Email').fill('ada@acme.example');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
});
