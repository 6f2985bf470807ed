import { randomBytes } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { recordAudit, type AuditActor } from '../audit/audit-log.ts';
import type { EventBus } from '../events.ts';

export interface IdentityKeyRotation {
  sequelize: Sequelize;
  events: EventBus;
  actor: AuditActor;
}

/**
 * Replaces the identity key (after it leaked, or when a host site's developer leaves). Every `user_hash` and
 * JWT made with the old key is refused from then on, so host sites must switch to the new key. The change
 * commits with its audit entry; then `chat.secrets_changed` makes every instance reload its keys.
 */
export default async function identityKeyRotator({ sequelize, events, actor }: IdentityKeyRotation): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    // 32 random bytes as hex: the 64 characters the column holds, like the key the migration generated.
    await sequelize.query('UPDATE chat_secrets SET identity_key = $1 WHERE id = 1', { bind: [randomBytes(32).toString('hex')], transaction });
    await recordAudit({ actor, action: 'chat.identity_key_rotate', target: { type: 'chat_secrets', id: 1 }, summary: 'Rotated the chat identity key' }, transaction);
  });
  events.emit('chat.secrets_changed', {});
}
