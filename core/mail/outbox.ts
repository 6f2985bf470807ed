import { EventEmitter } from 'node:events';
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import { OutboxMessage } from '../models/index.ts';

/** An email as the domain writes it: plain text always (it carries the links), HTML optionally. */
export const mailMessageSchema = z.object({
  to: z.email('not an email address'),
  subject: z.string().trim().min(1).max(500),
  text: z.string().min(1),
  html: z.string().min(1).optional(),
  /**
   * Where replies go (a chat conversation's reply address), when not to the sender. Checked only for shape:
   * the reply domain may be a single-label host such as `localhost`, which a strict email check refuses.
   */
  replyTo: z.string().regex(/^[^\s<>@]+@[^\s<>@]+$/, 'not an email address').optional(),
});
export type MailMessage = z.infer<typeof mailMessageSchema>;

/**
 * Rings when a mail was queued and committed in this process, so the workers of this process send it at
 * once instead of at their next poll. Workers of other instances find it at their poll.
 */
const doorbell = new EventEmitter();
const RING = 'queued';

/** Subscribes a worker to the doorbell; returns the unsubscribe function. */
export function onMailQueued(listener: () => void): () => void {
  doorbell.on(RING, listener);
  return () => doorbell.off(RING, listener);
}

/**
 * Queues an email. Given the transaction of the change that caused it, the mail commits with that change
 * (and vanishes with it on rollback); the worker is woken only after the commit, so it never looks for a
 * row it cannot see yet.
 */
export async function enqueueMail(message: MailMessage, transaction?: Transaction): Promise<void> {
  const { to, subject, text, html, replyTo } = mailMessageSchema.parse(message);
  await OutboxMessage.create({ recipient: to, subject, text, html: html ?? null, replyTo: replyTo ?? null }, transaction ? { transaction } : {});
  if (transaction) transaction.afterCommit(() => void doorbell.emit(RING));
  else doorbell.emit(RING);
}
