import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { AuditEntry } from '../models/index.ts';

/** Staff actions that are recorded. A closed list, so the admin filter and the code agree. */
export const AUDIT_ACTIONS = ['auth.setup', 'auth.sign_in', 'auth.sign_out', 'settings.update', 'user.invite', 'user.join', 'user.roles', 'user.deactivate', 'user.reactivate', 'user.password_reset', 'user.profile', 'article.create', 'article.update', 'article.restore', 'article.publish', 'article.unpublish', 'article.delete', 'collection.create', 'collection.update', 'collection.reorder', 'collection.delete', 'conversation.assign', 'conversation.unassign', 'conversation.transfer', 'conversation.close', 'conversation.reopen', 'conversation.snooze', 'conversation.unsnooze', 'saved_reply.create', 'saved_reply.update', 'saved_reply.delete', 'chat.identity_key_rotate', 'webhook.create', 'webhook.update', 'webhook.rotate_secret', 'webhook.reveal_secret', 'webhook.delete', 'webhook.test', 'webhook.retry', 'token.create', 'token.revoke', 'conversation.team', 'team.create', 'team.update', 'team.members', 'team.default', 'team.collections'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  id: number;
  email: string;
}

export interface AuditRecord {
  actor: AuditActor | null;
  action: AuditAction;
  target?: { type: string; id: string | number };
  summary: string;
}

/** Appends one entry, in the caller's transaction when given, so the record commits with the change. */
export async function recordAudit(record: AuditRecord, transaction?: Transaction): Promise<void> {
  await AuditEntry.create(
    {
      actorId: record.actor?.id ?? null,
      actorLabel: record.actor?.email ?? 'system',
      action: record.action,
      targetType: record.target?.type ?? null,
      targetId: record.target ? String(record.target.id) : null,
      summary: record.summary,
    },
    transaction ? { transaction } : {},
  );
}

export interface AuditFilter {
  action?: AuditAction;
  actorId?: number;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  summary: string;
}

/** Newest first, filtered, one page at a time. */
export async function listAudit(filter: AuditFilter): Promise<{ entries: AuditEntryView[]; total: number }> {
  const createdAt = { ...(filter.from ? { [Op.gte]: filter.from } : {}), ...(filter.to ? { [Op.lt]: filter.to } : {}) };
  const where: WhereOptions<AuditEntry> = {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.from || filter.to ? { createdAt } : {}),
  };
  const { rows, count } = await AuditEntry.findAndCountAll({ where, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: filter.limit, offset: filter.offset });
  return {
    total: count,
    entries: rows.map((row) => ({
      id: row.id,
      at: row.createdAt.toISOString(),
      actor: row.actorLabel,
      action: row.action,
      target: row.targetType ? `${row.targetType} ${row.targetId}` : null,
      summary: row.summary,
    })),
  };
}
