import { isIP } from 'node:net';
import { QueryTypes, type Sequelize } from 'sequelize';
import { Agent, fetch } from 'undici';
import type { Logger } from '../logger.ts';
import { ClaimLoop } from '../mail/claim-loop.ts';
import { retryDelayMs } from '../mail/mail-worker.ts';
import { deliveryBody, onWebhookQueued, type DeliveryRow } from './deliveries.ts';
import { TEST_EVENT_TYPE } from './events.ts';
import { urlForRecords } from './endpoints.ts';
import { isPrivateAddress, privateAddressError, publicOnlyLookup } from './private-addresses.ts';
import { SIGNATURE_HEADER, signWebhook } from './signature.ts';

export interface WebhookWorkerOptions {
  /** How often due deliveries are looked for: trigger-written events, retries, other instances' work. */
  pollMs: number;
  /** Attempts before a delivery is marked failed. */
  maxAttempts: number;
  /** Wait after the first failed attempt; it doubles after each further one. */
  retryBaseMs: number;
  /** How long one POST may take, connecting included. */
  timeoutMs: number;
  /** How long a claimed delivery stays reserved: well beyond `timeoutMs`, so no other worker takes it mid-send. */
  claimMs: number;
  /** Delivered and failed deliveries older than this are deleted (checked at start, then hourly): one row per event and endpoint adds up. */
  keepDays: number;
  /** Deliver to loopback, private and link-local addresses too (WEBHOOK_ALLOW_PRIVATE; off: refused, see private-addresses.ts). */
  allowPrivate: boolean;
}

/**
 * 10 attempts 30 s apart, doubling: a receiver can be down for about 4 hours before a delivery is given up
 * (the admin can still retry it). A 1 s poll: events written by triggers have no in-process doorbell.
 */
export const DEFAULT_WEBHOOK_WORKER_OPTIONS: WebhookWorkerOptions = { pollMs: 1_000, maxAttempts: 10, retryBaseMs: 30_000, timeoutMs: 10_000, claimMs: 5 * 60_000, keepDays: 30, allowPrivate: false };

const PRUNE_EVERY_MS = 60 * 60_000;

type ClaimedDelivery = DeliveryRow & { url: string; secret: string };

/**
 * One due delivery, claimed in one statement as the mail outbox does: SKIP LOCKED lets concurrent workers
 * (on any instance) pass over a row another is claiming, and moving `next_attempt_at` past the claim time keeps
 * it theirs once committed. Deliveries wait while their endpoint is disabled (test events excepted).
 */
const CLAIM_SQL = `
  UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + :claimMs * interval '1 millisecond', updated_at = now()
    FROM webhook_endpoints e
   WHERE e.id = d.endpoint_id AND d.id = (
     SELECT q.id FROM webhook_deliveries q JOIN webhook_endpoints qe ON qe.id = q.endpoint_id
      WHERE q.status = 'queued' AND q.next_attempt_at <= now() AND (qe.enabled OR q.event_type = '${TEST_EVENT_TYPE}')
      ORDER BY q.next_attempt_at, q.id LIMIT 1 FOR UPDATE OF q SKIP LOCKED)
  RETURNING d.*, e.url, e.secret`;

/** What an attempt came to: a 2xx, or the status and/or error to record. */
interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * POSTs queued webhook deliveries, signed, one at a time (so stopping waits for at most one request): woken
 * by the doorbell of in-process queueing, and by a short poll otherwise. Runs wherever the mail worker runs.
 */
export class WebhookWorker {
  readonly #sequelize: Sequelize;
  readonly #logger: Logger;
  readonly #options: WebhookWorkerOptions;
  readonly #loop: ClaimLoop;
  /** Connections whose every DNS answer is checked (unless private addresses are allowed). */
  readonly #dispatcher: Agent;
  #prunedAt = 0;

  constructor(sequelize: Sequelize, logger: Logger, options: Partial<WebhookWorkerOptions> = {}) {
    this.#sequelize = sequelize;
    this.#logger = logger;
    this.#options = { ...DEFAULT_WEBHOOK_WORKER_OPTIONS, ...options };
    this.#loop = new ClaimLoop({ pollMs: this.#options.pollMs, doorbell: onWebhookQueued, drain: () => this.#deliverDue() });
    this.#dispatcher = new Agent(this.#options.allowPrivate ? {} : { connect: { lookup: publicOnlyLookup } });
  }

  start(): void {
    this.#loop.start();
  }

  /** Stops polling and lets the request under way finish and be recorded. */
  async stop(): Promise<void> {
    await this.#loop.stop();
    await this.#dispatcher.close();
  }

  async #deliverDue(): Promise<void> {
    try {
      while (!this.#loop.stopped) {
        const [delivery] = await this.#sequelize.query<ClaimedDelivery>(CLAIM_SQL, { type: QueryTypes.SELECT, replacements: { claimMs: this.#options.claimMs } });
        if (!delivery) return await this.#pruneWhenDue();
        await this.#record(delivery, await this.#post(delivery));
      }
    } catch (error) {
      // The database is unreachable: try again at the next poll; claimed rows are retried after their claim.
      this.#logger.warn({ err: error }, 'webhook worker: cannot read the deliveries');
    }
  }

  /** Old delivered and failed rows go when the queue is empty; queued ones stay, however old. */
  async #pruneWhenDue(): Promise<void> {
    if (Date.now() - this.#prunedAt < PRUNE_EVERY_MS) return;
    this.#prunedAt = Date.now();
    await this.#sequelize.query(`DELETE FROM webhook_deliveries WHERE status <> 'queued' AND created_at < now() - :keepDays * interval '1 day'`, { replacements: { keepDays: this.#options.keepDays } });
  }

  async #post(delivery: ClaimedDelivery): Promise<Outcome> {
    const body = deliveryBody(delivery);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Deflect-Webhooks/1',
      [SIGNATURE_HEADER]: signWebhook(delivery.secret, body, Math.floor(Date.now() / 1000)),
      'Deflect-Event': delivery.event_type,
      'Deflect-Delivery': delivery.id,
    };
    // A literal address is never looked up, so the lookup's check can't see it: it is checked here.
    const host = new URL(delivery.url).hostname.replace(/^\[(.*)\]$/, '$1');
    if (!this.#options.allowPrivate && isIP(host) && isPrivateAddress(host)) return { ok: false, statusCode: null, error: privateAddressError(host, host).message };
    try {
      // Redirects are not followed: a 3xx counts as a failure, so events only go where the admin said.
      const response = await fetch(delivery.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.#options.timeoutMs), dispatcher: this.#dispatcher });
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status} ${response.statusText}`.trim() };
    } catch (error) {
      return { ok: false, statusCode: null, error: describeFetchError(error, this.#options.timeoutMs) };
    }
  }

  async #record(delivery: ClaimedDelivery, outcome: Outcome): Promise<void> {
    const replacements = { id: delivery.id, statusCode: outcome.statusCode, error: outcome.error?.slice(0, 2000) ?? null };
    if (outcome.ok) {
      await this.#sequelize.query(`UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), last_status_code = :statusCode, last_error = NULL, updated_at = now() WHERE id = :id`, { replacements });
      return;
    }
    const final = delivery.attempts >= this.#options.maxAttempts;
    const delayMs = retryDelayMs(delivery.attempts, this.#options.retryBaseMs);
    await this.#sequelize.query(
      `UPDATE webhook_deliveries SET status = :status, last_status_code = :statusCode, last_error = :error,
              next_attempt_at = now() + :delayMs * interval '1 millisecond', updated_at = now() WHERE id = :id`,
      { replacements: { ...replacements, status: final ? 'failed' : 'queued', delayMs } },
    );
    if (outcome.statusCode === null) await this.#holdBackEndpoint(delivery, delayMs);
    const context = { url: urlForRecords(delivery.url), type: delivery.event_type, delivery: delivery.id, attempts: delivery.attempts, error: outcome.error };
    if (final) this.#logger.error(context, 'webhook failed: giving up after the last attempt');
    else this.#logger.warn({ ...context, retryInMs: delayMs }, 'webhook not delivered: will retry');
  }

  /**
   * An endpoint that does not answer at all (refused, unreachable, timed out) is down, not refusing one event:
   * its other due deliveries wait for this one's retry instead of each costing up to `timeoutMs` of this
   * worker's time, which other endpoints' deliveries would wait behind. A status code (even 500) is an answer:
   * it may concern that one payload, so the others still go.
   */
  async #holdBackEndpoint(delivery: ClaimedDelivery, delayMs: number): Promise<void> {
    await this.#sequelize.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() + :delayMs * interval '1 millisecond', updated_at = now()
        WHERE endpoint_id = :endpointId AND status = 'queued' AND id <> :id AND next_attempt_at < now() + :delayMs * interval '1 millisecond'`,
      { replacements: { endpointId: delivery.endpoint_id, id: delivery.id, delayMs } },
    );
  }
}

/** "connect ECONNREFUSED 127.0.0.1:4000" rather than fetch's bare "fetch failed". */
function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no response within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
