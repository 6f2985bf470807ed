import { EventEmitter } from 'node:events';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { recordAudit, type AuditActor } from '../audit/audit-log.ts';
import { TEST_EVENT_TYPE, type WebhookEventType } from './events.ts';
import { WebhookRefusedError } from './webhook-errors.ts';

export type DeliveryStatus = 'queued' | 'delivered' | 'failed';

/** One row of an endpoint's delivery log. */
export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** When a queued delivery is tried next; null once delivered or failed. */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** The JSON body exactly as it is (or was) POSTed. */
  body: string;
}

export interface DeliveryRow {
  id: string;
  endpoint_id: number;
  event_id: string;
  event_type: string;
  data: unknown;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  created_at: Date;
}

/**
 * The body POSTed for a delivery: the same bytes on every attempt (the worker signs exactly this), with the
 * event's id for receivers to drop a duplicate.
 */
export function deliveryBody(row: Pick<DeliveryRow, 'event_id' | 'event_type' | 'created_at' | 'data'>): string {
  return JSON.stringify({ id: row.event_id, type: row.event_type, createdAt: row.created_at.toISOString(), data: row.data });
}

function presentDelivery(row: DeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    eventId: row.event_id,
    type: row.event_type,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'queued' ? row.next_attempt_at.toISOString() : null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    body: deliveryBody(row),
  };
}

/** The most recent deliveries to one endpoint, newest first. */
export async function listDeliveries(sequelize: Sequelize, endpointId: number, limit = 50): Promise<WebhookDeliveryView[]> {
  const rows = await sequelize.query<DeliveryRow>('SELECT * FROM webhook_deliveries WHERE endpoint_id = :endpointId ORDER BY created_at DESC, id LIMIT :limit', {
    type: QueryTypes.SELECT,
    replacements: { endpointId, limit },
  });
  return rows.map(presentDelivery);
}

/**
 * Rings when deliveries were queued from this process's code (test events, retries, `recordWebhookEvent`),
 * after the commit, so the worker sends them at once. Rows written by triggers are found at the next poll.
 */
const doorbell = new EventEmitter();
const RING = 'queued';

export function onWebhookQueued(listener: () => void): () => void {
  doorbell.on(RING, listener);
  return () => doorbell.off(RING, listener);
}

function ringAfter(transaction: Transaction | undefined): void {
  if (transaction) transaction.afterCommit(() => void doorbell.emit(RING));
  else doorbell.emit(RING);
}

/**
 * Queues an event for every enabled endpoint subscribed to it, in the caller's transaction: the deliveries
 * commit with the change or not at all. For events no trigger writes (CSAT ratings).
 */
export async function recordWebhookEvent(sequelize: Sequelize, type: WebhookEventType, data: Record<string, unknown>, transaction?: Transaction): Promise<void> {
  await sequelize.query('SELECT enqueue_webhook_event(:type, CAST(:data AS jsonb))', { replacements: { type, data: JSON.stringify(data) }, transaction });
  ringAfter(transaction);
}

/** Queues a `webhook.test` event to one endpoint, whether enabled or not, whatever it subscribes to; audited. */
export async function testEventSender(sequelize: Sequelize, actor: AuditActor, endpointId: number): Promise<string> {
  const id = await sequelize.transaction(async (transaction) => {
    const [row] = await sequelize.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, data)
         SELECT id, gen_random_uuid(), :type, jsonb_build_object('message', 'A test event sent from the Deflect admin.', 'sentBy', CAST(:sentBy AS text))
           FROM webhook_endpoints WHERE id = :endpointId
       RETURNING id`,
      { type: QueryTypes.SELECT, replacements: { type: TEST_EVENT_TYPE, endpointId, sentBy: actor.email }, transaction },
    );
    if (!row) throw new WebhookRefusedError('No such webhook endpoint.');
    await recordAudit({ actor, action: 'webhook.test', target: { type: 'webhook', id: endpointId }, summary: 'Sent a test event' }, transaction);
    ringAfter(transaction);
    return row.id;
  });
  return id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Puts a failed delivery back in the queue, due now, with a fresh count of attempts; audited. */
export async function deliveryRetrier(sequelize: Sequelize, actor: AuditActor, endpointId: number, deliveryId: string): Promise<void> {
  if (!UUID.test(deliveryId)) throw new WebhookRefusedError('Only a failed delivery of this endpoint can be retried.');
  await sequelize.transaction(async (transaction) => {
    const [row] = await sequelize.query<{ event_type: string }>(
      `UPDATE webhook_deliveries SET status = 'queued', attempts = 0, next_attempt_at = now(), updated_at = now()
        WHERE id = :deliveryId AND endpoint_id = :endpointId AND status = 'failed' RETURNING event_type`,
      { type: QueryTypes.SELECT, replacements: { deliveryId, endpointId }, transaction },
    );
    if (!row) throw new WebhookRefusedError('Only a failed delivery of this endpoint can be retried.');
    await recordAudit({ actor, action: 'webhook.retry', target: { type: 'webhook', id: endpointId }, summary: `Retried delivery ${deliveryId} (${row.event_type})` }, transaction);
    ringAfter(transaction);
  });
}
