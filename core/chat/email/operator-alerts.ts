import { QueryTypes, type Sequelize } from 'sequelize';
import { can } from '../../accounts/policy.ts';
import { siteNameFor } from '../../accounts/account-mails.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import type { Role } from '../../models/index.ts';

type AlertKind = 'waiting' | 'assigned';

interface Operator {
  id: number;
  name: string;
  email: string;
  roles: Role[];
  presence: 'online' | 'away' | 'offline';
}

/**
 * Emails operators who are not at the inbox:
 * - a visitor writes while **no** operator is online → the conversation's assignee, or, when it has none,
 *   every operator with the inbox permission;
 * - a conversation is assigned to someone who is not online (by someone else) → that person.
 * "Online" is the inbox presence (away counts as absent). At most one email per operator, conversation and
 * kind in `intervalMs`, decided in the database (`operator_alerts`), so a chatty visitor or several
 * instances never multiply them. Runs after the message's commit: a crash in between loses an alert, never a
 * message.
 */
export class OperatorAlerts {
  readonly #sequelize: Sequelize;
  readonly #publicUrl: string;
  readonly #intervalMs: number;

  constructor(props: { sequelize: Sequelize; publicUrl: string; intervalMs: number }) {
    this.#sequelize = props.sequelize;
    this.#publicUrl = props.publicUrl;
    this.#intervalMs = props.intervalMs;
  }

  /** A visitor wrote into a conversation; `preview` is the start of what they wrote. */
  async visitorWrote(conversationId: number, preview: string): Promise<void> {
    // Asked after every visitor message: the usual answer ("someone is online") costs one small query. Only
    // the inbox sets presence, and only for accounts with the inbox permission.
    const [someone] = await this.#sequelize.query<{ online: boolean }>("SELECT EXISTS (SELECT 1 FROM users WHERE presence = 'online' AND deactivated_at IS NULL) AS online", { type: QueryTypes.SELECT });
    if (someone?.online) return;
    const operators = await this.#operators();
    const [conversation] = await this.#sequelize.query<{ assignee_id: number | null }>('SELECT assignee_id FROM conversations WHERE id = :conversationId', { replacements: { conversationId }, type: QueryTypes.SELECT });
    const assignee = operators.find((o) => o.id === conversation?.assignee_id);
    const recipients = assignee ? [assignee] : operators;
    const text = (siteName: string) =>
      [`A visitor wrote in conversation #${conversationId} on ${siteName}, and no operator is online:`, '', `> ${preview.slice(0, 500).replace(/\n/g, '\n> ')}`, '', `Answer: ${this.#inboxLink(conversationId)}`].join('\n');
    for (const operator of recipients) await this.#send(operator, conversationId, 'waiting', (siteName) => ({ subject: `A visitor is waiting on ${siteName} (#${conversationId})`, text: text(siteName) }));
  }

  /** A conversation was assigned to `assigneeId` by `byUserId`. */
  async assigned(conversationId: number, assigneeId: number, byUserId: number): Promise<void> {
    if (assigneeId === byUserId) return;
    const assignee = (await this.#operators()).find((o) => o.id === assigneeId);
    if (!assignee || assignee.presence === 'online') return;
    await this.#send(assignee, conversationId, 'assigned', (siteName) => ({
      subject: `Conversation #${conversationId} on ${siteName} was assigned to you`,
      text: [`Hello ${assignee.name},`, '', `conversation #${conversationId} on ${siteName} is now yours.`, '', `Open it: ${this.#inboxLink(conversationId)}`].join('\n'),
    }));
  }

  /** Active accounts that may use the inbox (the one policy decides), with their presence. */
  async #operators(): Promise<Operator[]> {
    const rows = await this.#sequelize.query<Operator & { deactivated_at: Date | null }>('SELECT id, name, email, roles, presence, deactivated_at FROM users WHERE deactivated_at IS NULL', { type: QueryTypes.SELECT });
    return rows.filter((row) => can({ roles: row.roles, deactivated: row.deactivated_at !== null }, 'inbox.use'));
  }

  /** Queues one alert unless this operator got one of this kind about this conversation within the interval. */
  async #send(operator: Operator, conversationId: number, kind: AlertKind, compose: (siteName: string) => { subject: string; text: string }): Promise<void> {
    await this.#sequelize.transaction(async (transaction) => {
      const due = await this.#sequelize.query(
        `INSERT INTO operator_alerts (user_id, conversation_id, kind, last_sent_at) VALUES (:userId, :conversationId, :kind, now())
         ON CONFLICT (user_id, conversation_id, kind) DO UPDATE SET last_sent_at = now()
           WHERE operator_alerts.last_sent_at <= now() - :intervalMs * interval '1 millisecond'
         RETURNING user_id`,
        { replacements: { userId: operator.id, conversationId, kind, intervalMs: this.#intervalMs }, type: QueryTypes.SELECT, transaction },
      );
      if (due.length === 0) return;
      await enqueueMail({ to: operator.email, ...compose(await siteNameFor(transaction)) }, transaction);
    });
  }

  #inboxLink(conversationId: number): string {
    return `${this.#publicUrl}/admin/inbox#conversation-${conversationId}`;
  }
}
