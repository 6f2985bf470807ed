import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { presentStaff, type StaffView } from '../../../core/accounts/presenters.ts';
import type { Core } from '../../../core/app.ts';
import { AuditEntry, User } from '../../../core/models/index.ts';
import type { WebhookEndpointInput } from '../../../core/webhooks/index.ts';
import { issueLines } from '../../../core/validation.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('webhook endpoints in the admin', () => {
  let core: Core;
  let admin: StaffView;
  const valid: WebhookEndpointInput = { url: 'https://hooks.acme.example/deflect', description: 'CRM', events: ['reaction.created'], enabled: true };
  /** Everything an endpoint change touches: a refused one must leave it as it was. */
  const snapshot = async () => ({
    endpoints: await core.sequelize.query('SELECT id, url, description, events, enabled, secret FROM webhook_endpoints ORDER BY id', { type: QueryTypes.SELECT }),
    audit: await AuditEntry.count(),
  });
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(z.ZodError);
    return issueLines(error as z.ZodError);
  };

  beforeAll(async () => {
    core = await createTestCore({}, { mailWorker: false });
    admin = presentStaff(await User.create({ email: 'ada@acme.example', name: 'Ada Admin', passwordHash: null, roles: ['admin'], authorId: null, deactivatedAt: null }));
  });
  afterAll(() => core.close());
  beforeEach(() => core.sequelize.query('DELETE FROM webhook_endpoints'));

  it('adds an endpoint with a server-made secret, shown again only on request, and audits it', async () => {
    const { id, secret } = await core.webhooks.create(admin, valid);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await core.webhooks.revealSecret(admin, id)).toBe(secret);
    const [listed] = await core.webhooks.list();
    expect(listed).toMatchObject({ id, url: valid.url, description: 'CRM', events: ['reaction.created'], enabled: true, failedCount: 0 });
    expect(JSON.stringify(listed)).not.toContain(secret);
    const entry = await AuditEntry.findOne({ where: { action: 'webhook.create', targetId: String(id) } });
    expect(entry).toMatchObject({ actorLabel: 'ada@acme.example' });
    // The path may be a credential (chat services put their token there); the audit log keeps only the origin.
    expect(entry!.summary).toContain(new URL(valid.url).origin);
    expect(entry!.summary).not.toContain(new URL(valid.url).pathname);
    const second = await core.webhooks.create(admin, { ...valid, url: 'https://other.example/hook' });
    expect(second.secret).not.toBe(secret);
    expect(await core.webhooks.list()).toHaveLength(2);
  });

  it('accepts plain http only on the loopback host', async () => {
    for (const url of ['http://localhost:4000/hooks', 'http://127.0.0.1/hooks', 'http://[::1]:8080/']) await core.webhooks.create(admin, { ...valid, url });
    expect(await core.webhooks.list()).toHaveLength(3);
  });

  it('refuses bad input with a line saying what to do, and stores nothing', async () => {
    const before = await snapshot();
    expect(await refusal(core.webhooks.create(admin, { ...valid, url: 'hooks.acme.example' }))).toEqual(['url: not a URL: use one like https://example.com/hooks/deflect']);
    expect(await refusal(core.webhooks.create(admin, { ...valid, url: 'http://hooks.acme.example/deflect' }))).toEqual(['url: use https:// (plain http:// only for localhost or 127.0.0.1)']);
    expect(await refusal(core.webhooks.create(admin, { ...valid, url: 'ftp://hooks.acme.example/' }))).toEqual(['url: use an https:// URL']);
    expect(await refusal(core.webhooks.create(admin, { ...valid, url: 'https://bot:hunter2@hooks.acme.example/' }))).toEqual(['url: leave out user:password@ — receivers check the Deflect-Signature header instead']);
    expect(await refusal(core.webhooks.create(admin, { ...valid, url: '  ' }))).toEqual(['url: enter the URL that receives the events']);
    expect(await refusal(core.webhooks.create(admin, { ...valid, events: [] }))).toEqual(['events: choose at least one event']);
    expect(await refusal(core.webhooks.create(admin, { ...valid, events: ['reaction.created', 'ticket.created' as 'reaction.created'] }))).toEqual(['events.1: unknown event type']);
    expect(await refusal(core.webhooks.create(admin, { ...valid, description: 'x'.repeat(201) }))).toEqual(['description: at most 200 characters']);
    expect(await snapshot()).toEqual(before);
  });

  it('a refused edit leaves the endpoint as it was', async () => {
    const { id } = await core.webhooks.create(admin, valid);
    const before = await snapshot();
    expect(await refusal(core.webhooks.update(admin, id, { ...valid, url: 'http://example.com/' }))).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it('edits, disables, rotates and deletes, each audited; an unknown endpoint is refused plainly', async () => {
    const { id, secret } = await core.webhooks.create(admin, valid);
    await core.webhooks.update(admin, id, { ...valid, events: ['message.created', 'conversation.closed'], enabled: false });
    expect(await core.webhooks.find(id)).toMatchObject({ events: ['message.created', 'conversation.closed'], enabled: false });
    const rotated = await core.webhooks.rotateSecret(admin, id);
    expect(rotated).not.toBe(secret);
    expect(await core.webhooks.revealSecret(admin, id)).toBe(rotated);
    await core.webhooks.remove(admin, id);
    expect(await core.webhooks.find(id)).toBeUndefined();
    const actions = (await AuditEntry.findAll({ where: { targetType: 'webhook', targetId: String(id) }, order: [['createdAt', 'ASC'], ['id', 'ASC']] })).map((e) => e.action);
    expect(actions).toEqual(['webhook.create', 'webhook.update', 'webhook.rotate_secret', 'webhook.reveal_secret', 'webhook.delete']);
    await expect(core.webhooks.rotateSecret(admin, id)).rejects.toThrow('No such webhook endpoint.');
    await expect(core.webhooks.sendTest(admin, id)).rejects.toThrow('No such webhook endpoint.');
    await expect(core.webhooks.retry(admin, id, 'not-a-delivery')).rejects.toThrow('Only a failed delivery of this endpoint can be retried.');
  });
});
