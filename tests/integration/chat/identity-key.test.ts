import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { userHash } from '../../../core/chat/identity.ts';
import { AuditEntry, User } from '../../../core/models/index.ts';
import { connectClient, startChatHarness } from '../../support/chat-harness.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('the identity key host sites sign their users with', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;

  beforeAll(async () => {
    core = await createTestCore();
    harness = await startChatHarness(core);
  });
  afterAll(async () => {
    await harness.close();
    await core.close();
  });

  const connectAs = (key: string) => connectClient(harness.url, '/visitor', { auth: { identity: { userId: 'customer-7', userHash: userHash(key, 'customer-7') } } });

  it('is the one the handshake verifies against', async () => {
    const key = await core.chat.identityKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const socket = await connectAs(key);
    socket.disconnect();
  });

  it('once rotated, refuses hashes made with the old key, accepts the new one, and is audited', async () => {
    const admin = await User.create({ email: 'ada@acme.example', name: 'Ada', passwordHash: null, roles: ['admin'], authorId: null, deactivatedAt: null });
    const oldKey = await core.chat.identityKey();
    await core.chat.rotateIdentityKey({ id: admin.id, email: admin.email });

    const newKey = await core.chat.identityKey();
    expect(newKey).toMatch(/^[0-9a-f]{64}$/);
    expect(newKey).not.toBe(oldKey);
    await expect(connectAs(oldKey)).rejects.toMatchObject({ message: 'user_hash does not match user_id', data: { code: 'forbidden' } });
    const socket = await connectAs(newKey);
    socket.disconnect();

    const entry = await AuditEntry.findOne({ where: { action: 'chat.identity_key_rotate' } });
    expect(entry).toMatchObject({ actorId: admin.id, summary: 'Rotated the chat identity key' });
    // The key itself never goes into the audit log.
    expect(JSON.stringify(entry!.toJSON())).not.toContain(newKey);
  });
});
