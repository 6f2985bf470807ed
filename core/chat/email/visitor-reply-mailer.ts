import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { siteNameFor } from '../../accounts/account-mails.ts';
import type { Logger } from '../../logger.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { messagesAfter } from '../message-store.ts';
import type { ChatMailAddressing } from './chat-mail-addressing.ts';
import { mailedLine } from './mailed-lines.ts';
import { unseenRepliesMail } from './visitor-mail-texts.ts';

export interface VisitorReplyMailerOptions {
  /** How long a reply waits for the visitor to read it in the chat before it is emailed. */
  delayMs: number;
  /** How often due schedules are looked for. */
  pollMs: number;
}

interface DueSchedule {
  conversation_id: number;
  emailed_through_seq: number;
  visitor_seen_seq: number;
  visitor_id: string;
  email: string | null;
  locale: string | null;
}

/**
 * One due schedule (see migration 0018), locked for the rest of the transaction: SKIP LOCKED lets workers on
 * every instance pass over a conversation another one is mailing, and the schedule is cleared in the same
 * transaction that queues the email, so a batch is queued exactly once.
 */
const CLAIM_SQL = `
  SELECT r.conversation_id, r.emailed_through_seq, c.visitor_seen_seq, c.visitor_id, v.email, v.locale
    FROM visitor_reply_emails r JOIN conversations c ON c.id = r.conversation_id JOIN visitors v ON v.id = c.visitor_id
   WHERE r.pending_since <= now() - :delayMs * interval '1 millisecond'
   ORDER BY r.pending_since
   LIMIT 1
   FOR UPDATE OF r SKIP LOCKED`;

/**
 * Emails visitors the operators' replies they have not read in the chat. An operator's reply starts a
 * batching delay; when it is over, every reply the visitor has still not seen (`visitor_seen_seq`) and was
 * not emailed yet goes out as one email through the outbox, with the conversation's reply address as
 * Reply-To and a link back into the chat. Read meanwhile, or no email address known: nothing is sent.
 */
export class VisitorReplyMailer {
  readonly #sequelize: Sequelize;
  readonly #addressing: () => Promise<ChatMailAddressing>;
  readonly #publicUrl: string;
  readonly #logger: Logger;
  readonly #options: VisitorReplyMailerOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(props: { sequelize: Sequelize; addressing: () => Promise<ChatMailAddressing>; publicUrl: string; logger: Logger; options: VisitorReplyMailerOptions }) {
    this.#sequelize = props.sequelize;
    this.#addressing = props.addressing;
    this.#publicUrl = props.publicUrl;
    this.#logger = props.logger;
    this.#options = props.options;
  }

  start(): void {
    this.#schedule(0);
  }

  /** Stops polling and waits for the batch being queued. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Queues every due batch; returns how many emails were queued. */
  async queueDue(): Promise<number> {
    let queued = 0;
    while (!this.#stopped) {
      const outcome = await this.#sequelize.transaction((transaction) => this.#queueOne(transaction));
      if (outcome === 'none') return queued;
      if (outcome === 'queued') queued++;
    }
    return queued;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.queueDue()
        .then(() => undefined)
        .catch((error: unknown) => this.#logger.warn({ err: error }, 'chat email: cannot read the schedule'))
        .finally(() => {
          this.#running = undefined;
          this.#schedule(this.#options.pollMs);
        });
    }, delayMs);
    this.#timer.unref();
  }

  async #queueOne(transaction: Transaction): Promise<'none' | 'queued' | 'nothing_to_send'> {
    const [due] = await this.#sequelize.query<DueSchedule>(CLAIM_SQL, { replacements: { delayMs: this.#options.delayMs }, type: QueryTypes.SELECT, transaction });
    if (!due) return 'none';
    const after = Math.max(due.emailed_through_seq, due.visitor_seen_seq);
    const replies = due.email ? (await messagesAfter(due.conversation_id, after, 'visitor')).filter((m) => m.sender === 'agent' && m.kind === 'text') : [];
    const through = replies.at(-1)?.seq ?? due.emailed_through_seq;
    await this.#sequelize.query('UPDATE visitor_reply_emails SET pending_since = NULL, emailed_through_seq = GREATEST(emailed_through_seq, :through) WHERE conversation_id = :id', {
      replacements: { id: due.conversation_id, through },
      transaction,
    });
    if (!due.email || replies.length === 0) return 'nothing_to_send';
    const addressing = await this.#addressing();
    const mail = unseenRepliesMail({
      to: due.email,
      replyTo: addressing.replyAddress(due.conversation_id),
      locale: due.locale,
      siteName: await siteNameFor(transaction),
      conversationId: due.conversation_id,
      replies: replies.map((m) => mailedLine(m, this.#publicUrl, due.locale)),
      link: addressing.resumeLink({ conversationId: due.conversation_id, visitorId: due.visitor_id }),
    });
    await enqueueMail(mail, transaction);
    return 'queued';
  }
}
