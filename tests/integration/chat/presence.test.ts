import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../../core/accounts/tokens.ts';
import type { Core } from '../../../core/app.ts';
import { Session, User } from '../../../core/models/index.ts';
import { connectClient, request, startChatHarness } from '../../support/chat-harness.ts';
import { createTestCore } from '../../support/test-core.ts';

const GRACE_MS = 300;

describe('presence', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  const operator = async (email: string) => {
    const user = await User.create({ email, name: email.split('@')[0]!, passwordHash: null, roles: ['operator'], authorId: null, deactivatedAt: null });
    const token = randomToken();
    await Session.create({ idHash: tokenHash(token), userId: user.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    return { user, cookie: `deflect_session=${token}`, token };
  };
  const events: Array<{ userId?: number; presence?: string; visitorId?: string; online?: boolean }> = [];

  beforeAll(async () => {
    core = await createTestCore();
    harness = await startChatHarness(core, { presenceGraceMs: GRACE_MS });
  });
  afterAll(async () => {
    await harness.close();
    await core.close();
  });

  it('shows operators online while connected, away after the grace period, offline after signing out', async () => {
    const watcher = await operator('wanda@acme.example');
    const watching = await connectClient(harness.url, '/agent', { cookie: watcher.cookie });
    watching.on('presence', (e) => events.push(e));
    watching.on('visitor:presence', (e) => events.push(e));

    const olga = await operator('olga@acme.example');
    const first = await connectClient(harness.url, '/agent', { cookie: olga.cookie });
    await expect.poll(() => events).toContainEqual({ userId: olga.user.id, presence: 'online' });

    // A reload: gone and back within the grace period — never shown as away.
    first.disconnect();
    const second = await connectClient(harness.url, '/agent', { cookie: olga.cookie });
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 2));
    expect(events.filter((e) => e.userId === olga.user.id).map((e) => e.presence)).toEqual(['online']);

    second.disconnect();
    await expect.poll(() => events.filter((e) => e.userId === olga.user.id).map((e) => e.presence)).toEqual(['online', 'away']);
    const list = await request<{ ok: true; operators: Array<{ userId: number; presence: string }> }>(watching, 'presence:list', {});
    expect(list.operators.find((o) => o.userId === olga.user.id)?.presence).toBe('away');

    await connectClient(harness.url, '/agent', { cookie: olga.cookie });
    await core.accounts.endSession(olga.token, { id: olga.user.id, email: olga.user.email, name: olga.user.name, avatarUrl: null, roles: olga.user.roles, deactivated: false });
    await expect.poll(() => events.filter((e) => e.userId === olga.user.id).map((e) => e.presence)).toEqual(['online', 'away', 'online', 'offline']);
    watching.disconnect();
  });

  it('tells operators when a visitor comes online and leaves (all tabs closed)', async () => {
    const watcher = await operator('victor@acme.example');
    const watching = await connectClient(harness.url, '/agent', { cookie: watcher.cookie });
    const seen: Array<{ visitorId: string; online: boolean }> = [];
    watching.on('visitor:presence', (e) => seen.push(e));
    const tab1 = await connectClient(harness.url, '/visitor');
    const { visitorId, token } = await tab1.session;
    const tab2 = await connectClient(harness.url, '/visitor', { auth: { token } });
    tab1.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    tab2.disconnect();
    await expect.poll(() => seen.filter((e) => e.visitorId === visitorId).map((e) => e.online)).toEqual([true, true, false]);
    watching.disconnect();
  });
});
