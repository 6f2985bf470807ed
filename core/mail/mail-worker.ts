import { QueryTypes, type Sequelize } from 'sequelize';
import type { Logger } from '../logger.ts';
import { ClaimLoop } from './claim-loop.ts';
import { onMailQueued } from './outbox.ts';
import type { MailTransport, OutgoingMail } from './transport.ts';

export interface MailWorkerOptions {
  /** How often the outbox is checked for due mail: retries, and mail queued by other instances. */
  pollMs: number;
  /** Attempts before a message is marked failed. */
  maxAttempts: number;
  /** Wait after the first failed attempt; it doubles after each further one. */
  retryBaseMs: number;
  /**
   * How long a claimed message stays reserved for the worker sending it. Longer than any send can take
   * (the SMTP timeouts), so another instance never takes it over mid-send; if the process dies mid-send,
   * the message is retried once this has passed.
   */
  claimMs: number;
}

/** 8 attempts 30 s apart, doubling: a message is given up on after about an hour of failures. */
export const DEFAULT_MAIL_WORKER_OPTIONS: MailWorkerOptions = { pollMs: 5_000, maxAttempts: 8, retryBaseMs: 30_000, claimMs: 10 * 60_000 };

interface ClaimedMessage {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  reply_to: string | null;
  attempts: number;
}

/**
 * One due message, claimed in one statement: SKIP LOCKED lets concurrent workers (on any instance) pass over
 * a row another one is claiming, and moving `send_after` past the claim time keeps it theirs after the
 * statement commits. Each claim counts as an attempt.
 */
const CLAIM_SQL = `
  UPDATE outbox SET attempts = attempts + 1, send_after = now() + :claimMs * interval '1 millisecond', updated_at = now()
   WHERE id = (SELECT id FROM outbox WHERE status = 'queued' AND send_after <= now() ORDER BY send_after, id LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING id, recipient, subject, text, html, reply_to, attempts`;

/**
 * Once a message is sent or given up on, its body is dropped: it may hold one-time links (invitations,
 * password resets) whose tokens the database otherwise keeps only as hashes. Recipient, subject, status
 * and error stay as the record of what was sent.
 */
const FORGET_BODY = `text = '(not kept after sending: it may hold one-time links)', html = NULL`;

/** Wait before retry number `attempts + 1`: retryBaseMs, then doubling. */
export function retryDelayMs(attempts: number, retryBaseMs: number): number {
  return retryBaseMs * 2 ** Math.max(0, attempts - 1);
}

/**
 * Sends the outbox, in the app process: woken right after a mail is queued in this process, and by a short
 * poll otherwise. Messages go one at a time, so stopping waits for at most one send.
 */
export class MailWorker {
  readonly #sequelize: Sequelize;
  readonly #transport: MailTransport;
  readonly #logger: Logger;
  readonly #options: MailWorkerOptions;
  readonly #loop: ClaimLoop;

  constructor(sequelize: Sequelize, transport: MailTransport, logger: Logger, options: Partial<MailWorkerOptions> = {}) {
    this.#sequelize = sequelize;
    this.#transport = transport;
    this.#logger = logger;
    this.#options = { ...DEFAULT_MAIL_WORKER_OPTIONS, ...options };
    this.#loop = new ClaimLoop({ pollMs: this.#options.pollMs, doorbell: onMailQueued, drain: () => this.#sendDue() });
  }

  start(): void {
    this.#loop.start();
  }

  /** Stops polling, lets the message being sent finish and be recorded, then closes the transport. */
  async stop(): Promise<void> {
    await this.#loop.stop();
    this.#transport.close();
  }

  /** Sends every due message, until none is left or the worker stops. */
  async #sendDue(): Promise<void> {
    try {
      while (!this.#loop.stopped) {
        const message = await this.#claim();
        if (!message) return;
        await this.#deliver(message);
      }
    } catch (error) {
      // The database is unreachable: try again at the next poll; claimed rows are retried after their claim.
      this.#logger.warn({ err: error }, 'mail worker: cannot read the outbox');
    }
  }

  async #claim(): Promise<ClaimedMessage | undefined> {
    const rows = await this.#sequelize.query<ClaimedMessage>(CLAIM_SQL, { type: QueryTypes.SELECT, replacements: { claimMs: this.#options.claimMs } });
    return rows[0];
  }

  async #deliver(message: ClaimedMessage): Promise<void> {
    const mail: OutgoingMail = { to: message.recipient, subject: message.subject, text: message.text, html: message.html ?? undefined, replyTo: message.reply_to ?? undefined };
    try {
      await this.#transport.send(mail);
    } catch (error) {
      await this.#recordFailure(message, error instanceof Error ? error.message : String(error));
      return;
    }
    await this.#sequelize.query(`UPDATE outbox SET status = 'sent', sent_at = now(), last_error = NULL, ${FORGET_BODY}, updated_at = now() WHERE id = :id`, { replacements: { id: message.id } });
  }

  async #recordFailure(message: ClaimedMessage, error: string): Promise<void> {
    const { maxAttempts, retryBaseMs } = this.#options;
    const final = message.attempts >= maxAttempts;
    const delayMs = retryDelayMs(message.attempts, retryBaseMs);
    await this.#sequelize.query(
      `UPDATE outbox SET status = :status, last_error = :error, send_after = now() + :delayMs * interval '1 millisecond',
              ${final ? `${FORGET_BODY},` : ''} updated_at = now() WHERE id = :id`,
      { replacements: { id: message.id, status: final ? 'failed' : 'queued', error: error.slice(0, 2000), delayMs } },
    );
    const context = { to: message.recipient, subject: message.subject, attempts: message.attempts, error };
    if (final) this.#logger.error(context, 'mail failed: giving up after the last attempt');
    else this.#logger.warn({ ...context, retryInMs: delayMs }, 'mail not sent: will retry');
  }
}
