import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../core/webhooks/signature.ts';
import { setUpFirstAdmin } from '../support/admin-pages.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

describe('webhooks in the admin', () => {
  // The test receiver listens on loopback, which deliveries refuse by default.
  const session = useServerAndBrowser({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  let receiver: WebhookReceiver;
  let page: Page;
  let secret: string;
  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterAll(() => receiver.close());

  const a11y = async (path: string) => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return results.violations.map((v) => `${path} ${v.id}`);
  };

  it('refuses a plain-http URL with a clear error, keeping what was typed; then adds the endpoint and shows its secret', async () => {
    page = await setUpFirstAdmin(session.browser, session.server);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('Endpoint URL').fill('http://hooks.acme.example/deflect');
    await page.getByLabel('Description (optional)').fill('Team alerts');
    await page.getByRole('checkbox', { name: /reaction\.created/ }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('url: use https:// (plain http:// only for localhost or 127.0.0.1)');
    expect(await page.getByLabel('Endpoint URL').inputValue()).toBe('http://hooks.acme.example/deflect');
    expect(await page.getByLabel('Description (optional)').inputValue()).toBe('Team alerts');
    expect(await page.getByRole('checkbox', { name: /reaction\.created/ }).isChecked()).toBe(true);
    expect(await a11y('/admin/webhooks (refused)')).toEqual([]);

    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.waitForURL('**/admin/webhooks/*?done=created');
    expect(await page.getByRole('status').textContent()).toContain('Endpoint added');
    await page.getByRole('button', { name: 'Show secret' }).click();
    secret = await page.getByLabel('Secret', { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await a11y('/admin/webhooks/[id]')).toEqual([]);
  });

  it('a visitor’s 😞 on an article reaches the receiver signed, and the delivery log shows it delivered', async () => {
    const visitor = await (await session.browser.newContext()).newPage();
    await visitor.goto(`${session.server.url}/en/account/reset-password`);
    await visitor.locator('.article-feedback').scrollIntoViewIfNeeded();
    await visitor.locator('astro-island[component-url*="ArticleFeedback"]:not([ssr])').waitFor({ state: 'attached' });
    await visitor.getByRole('button', { name: "No, it didn't" }).click();
    await expect.poll(() => receiver.accepted.length, { timeout: 10_000 }).toBe(1);
    const [request] = receiver.requests;
    expect(verifyWebhook(secret, request!.body, request!.headers['deflect-signature'] as string)).toBe(true);
    expect(JSON.parse(request!.body).data).toMatchObject({ score: 'sad', article: { slug: 'reset-password', title: 'Reset your password' } });

    const row = page.locator('tbody tr').filter({ hasText: 'reaction.created' });
    // The receiver answered; the worker records that a moment later.
    await expect.poll(async () => (await page.reload(), await row.textContent()), { timeout: 15_000 }).toContain('Delivered');
    expect(await row.textContent()).toContain('HTTP 200');
    await row.getByText('Show').click();
    expect(await row.locator('pre').textContent()).toBe(request!.body);
  });

  it('sends a test event, refuses a cross-site rotation, and rotates the secret when asked from the page', async () => {
    await page.getByRole('button', { name: 'Send test event' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Test event queued');
    await expect.poll(() => receiver.requests.map((r) => r.headers['deflect-event']), { timeout: 10_000 }).toContain('webhook.test');

    const forged = await page.request.post(page.url(), { headers: { origin: 'https://evil.example' }, form: { intent: 'rotate' } });
    expect(forged.status()).toBe(403);
    await page.getByRole('button', { name: 'Show secret' }).click();
    expect(await page.getByLabel('Secret', { exact: true }).inputValue()).toBe(secret);

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = await page.getByLabel('Secret', { exact: true }).inputValue();
    expect(rotated).not.toBe(secret);
    expect(await page.getByRole('status').textContent()).toContain('New secret');
  });
});
