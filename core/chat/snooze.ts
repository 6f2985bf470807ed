import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { StaffView } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { lockConversation } from './assignment.ts';
import { ChatRefusedError } from './chat-errors.ts';
import { postMessage, type Posted } from './message-store.ts';

/** At most this far ahead: a snooze is a reminder, not an archive. */
export const MAX_SNOOZE_DAYS = 366;
/** Expired snoozes woken per run of the waker; the rest wait for the next run. */
const WAKE_BATCH = 100;

/**
 * Snooze events are internal notes sent by the system: operators see them in the timeline as events, the
 * visitor never receives them (being "snoozed" is the team's business, not the customer's).
 */
const internalEvent = (conversationId: number, senderUserId: number | null, body: string) => ({ conversationId, clientId: randomUUID(), sender: 'system' as const, senderUserId, kind: 'note' as const, body });

/** "Mon 24 Nov, 09:00 CET": the wake-up time as the operator who chose it reads it. */
export function formatSnoozeTime(until: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(until);
}

/**
 * Puts an open conversation aside until `until`: it leaves the inbox lists (see `listInbox`) until then, or
 * until the visitor writes (a trigger clears the snooze). The event and the audit entry commit with it.
 */
export async function conversationSnoozer(sequelize: Sequelize, staff: StaffView, input: { conversationId: number; until: Date; timeZone: string }): Promise<Posted> {
  const { conversationId, until, timeZone } = input;
  if (until.getTime() <= Date.now()) throw new ChatRefusedError('invalid', 'until: must be in the future.');
  if (until.getTime() > Date.now() + MAX_SNOOZE_DAYS * 86_400_000) throw new ChatRefusedError('invalid', `until: at most ${MAX_SNOOZE_DAYS} days ahead.`);
  return sequelize.transaction(async (transaction) => {
    const conversation = await lockConversation(conversationId, transaction);
    if (conversation.status !== 'open') throw new ChatRefusedError('invalid', 'Only an open conversation can be snoozed.');
    await conversation.update({ snoozedUntil: until, snoozedAt: new Date() }, { transaction });
    const body = `Snoozed until ${formatSnoozeTime(until, timeZone)} by ${staff.name}`;
    const posted = await postMessage(sequelize, internalEvent(conversationId, staff.id, body), transaction);
    await recordAudit({ actor: staff, action: 'conversation.snooze', target: { type: 'conversation', id: conversationId }, summary: `${body} (${until.toISOString()})` }, transaction);
    return posted;
  });
}

/** Brings a snoozed conversation back to the lists now. */
export async function conversationUnsnoozer(sequelize: Sequelize, staff: StaffView, conversationId: number): Promise<Posted> {
  return sequelize.transaction(async (transaction) => {
    const conversation = await lockConversation(conversationId, transaction);
    if (!conversation.snoozedUntil || conversation.snoozedUntil.getTime() <= Date.now()) throw new ChatRefusedError('invalid', 'The conversation is not snoozed.');
    await conversation.update({ snoozedUntil: null, snoozedAt: null }, { transaction });
    const body = `Unsnoozed by ${staff.name}`;
    const posted = await postMessage(sequelize, internalEvent(conversationId, staff.id, body), transaction);
    await recordAudit({ actor: staff, action: 'conversation.unsnooze', target: { type: 'conversation', id: conversationId }, summary: body }, transaction);
    return posted;
  });
}

/**
 * Clears snoozes whose time has come, each with a "Snooze ended" event, and returns them (to announce).
 * Each conversation is claimed with `FOR UPDATE SKIP LOCKED` in its own transaction, so instances running
 * this at the same time never wake one conversation twice.
 */
export async function wakeExpiredSnoozes(sequelize: Sequelize): Promise<Posted[]> {
  const woken: Posted[] = [];
  while (woken.length < WAKE_BATCH) {
    const posted = await sequelize.transaction(async (transaction) => {
      const [due] = await sequelize.query<{ id: number }>(
        'SELECT id FROM conversations WHERE snoozed_until <= now() ORDER BY snoozed_until LIMIT 1 FOR UPDATE SKIP LOCKED',
        { type: QueryTypes.SELECT, transaction },
      );
      if (!due) return undefined;
      await sequelize.query('UPDATE conversations SET snoozed_until = NULL, snoozed_at = NULL WHERE id = :id', { replacements: { id: due.id }, transaction });
      return postMessage(sequelize, internalEvent(due.id, null, 'Snooze ended'), transaction);
    });
    if (!posted) break;
    woken.push(posted);
  }
  return woken;
}
