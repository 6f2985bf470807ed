import { QueryTypes, type Sequelize } from 'sequelize';
import { recordAudit, type AuditActor } from '../audit/audit-log.ts';
import { webhookEndpointSchema, type WebhookEndpointInput } from './endpoint-input.ts';
import type { WebhookEventType } from './events.ts';
import { generateWebhookSecret } from './secrets.ts';
import { WebhookRefusedError } from './webhook-errors.ts';

/** An endpoint as the admin shows it: never the secret (see `revealSecret`). */
export interface WebhookEndpointView {
  id: number;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  createdAt: string;
  /** Deliveries that gave up after the last attempt: the list flags the endpoint. */
  failedCount: number;
}

interface EndpointRow {
  id: number;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  created_at: Date;
  failed_count: number;
}

const SELECT_ENDPOINTS = `
  SELECT e.id, e.url, e.description, e.events, e.enabled, e.created_at,
         (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'failed') AS failed_count
    FROM webhook_endpoints e`;

function presentEndpoint(row: EndpointRow): WebhookEndpointView {
  return { id: row.id, url: row.url, description: row.description, events: row.events, enabled: row.enabled, createdAt: row.created_at.toISOString(), failedCount: row.failed_count };
}

export async function listEndpoints(sequelize: Sequelize): Promise<WebhookEndpointView[]> {
  const rows = await sequelize.query<EndpointRow>(`${SELECT_ENDPOINTS} ORDER BY e.id`, { type: QueryTypes.SELECT });
  return rows.map(presentEndpoint);
}

export async function findEndpoint(sequelize: Sequelize, id: number): Promise<WebhookEndpointView | undefined> {
  const [row] = await sequelize.query<EndpointRow>(`${SELECT_ENDPOINTS} WHERE e.id = :id`, { type: QueryTypes.SELECT, replacements: { id } });
  return row && presentEndpoint(row);
}

/** The signing secret, for the admin who asks to see it; audited, since whoever reads it can sign as us. */
export async function secretRevealer(sequelize: Sequelize, actor: AuditActor, id: number): Promise<string> {
  return sequelize.transaction(async (transaction) => {
    const [row] = await sequelize.query<{ secret: string }>('SELECT secret FROM webhook_endpoints WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id }, transaction });
    if (!row) throw new WebhookRefusedError('No such webhook endpoint.');
    await recordAudit({ actor, action: 'webhook.reveal_secret', target: { type: 'webhook', id }, summary: 'Viewed the signing secret' }, transaction);
    return row.secret;
  });
}

/** Adds an endpoint with a fresh secret; audited. Returns its id and the secret to show once. */
export async function endpointCreator(sequelize: Sequelize, actor: AuditActor, input: WebhookEndpointInput): Promise<{ id: number; secret: string }> {
  const fields = webhookEndpointSchema.parse(input);
  const secret = generateWebhookSecret();
  return sequelize.transaction(async (transaction) => {
    const [row] = await sequelize.query<{ id: number }>(
      `INSERT INTO webhook_endpoints (url, description, secret, events, enabled) VALUES (:url, :description, :secret, ARRAY[:events]::varchar[], :enabled) RETURNING id`,
      { type: QueryTypes.SELECT, replacements: { ...fields, secret }, transaction },
    );
    await recordAudit({ actor, action: 'webhook.create', target: { type: 'webhook', id: row!.id }, summary: `Added webhook ${urlForRecords(fields.url)} (${fields.events.join(', ')})` }, transaction);
    return { id: row!.id, secret };
  });
}

/** Changes URL, description, events or enabled; audited. Deliveries already queued keep their URL's endpoint. */
export async function endpointUpdater(sequelize: Sequelize, actor: AuditActor, id: number, input: WebhookEndpointInput): Promise<void> {
  const fields = webhookEndpointSchema.parse(input);
  await sequelize.transaction(async (transaction) => {
    const [, updated] = await sequelize.query(
      `UPDATE webhook_endpoints SET url = :url, description = :description, events = ARRAY[:events]::varchar[], enabled = :enabled, updated_at = now() WHERE id = :id`,
      { type: QueryTypes.UPDATE, replacements: { ...fields, id }, transaction },
    );
    if (updated === 0) throw new WebhookRefusedError('No such webhook endpoint.');
    const state = fields.enabled ? 'enabled' : 'disabled';
    await recordAudit({ actor, action: 'webhook.update', target: { type: 'webhook', id }, summary: `Saved webhook ${urlForRecords(fields.url)} (${state}; ${fields.events.join(', ')})` }, transaction);
  });
}

/**
 * Replaces the secret; audited. Takes effect for every later attempt, queued retries included, so the
 * receiver must switch to the new secret at once (or accept both for a while).
 */
export async function secretRotator(sequelize: Sequelize, actor: AuditActor, id: number): Promise<string> {
  const secret = generateWebhookSecret();
  await sequelize.transaction(async (transaction) => {
    const [, updated] = await sequelize.query('UPDATE webhook_endpoints SET secret = :secret, updated_at = now() WHERE id = :id', { type: QueryTypes.UPDATE, replacements: { secret, id }, transaction });
    if (updated === 0) throw new WebhookRefusedError('No such webhook endpoint.');
    await recordAudit({ actor, action: 'webhook.rotate_secret', target: { type: 'webhook', id }, summary: 'Rotated the signing secret' }, transaction);
  });
  return secret;
}

/** Deletes an endpoint and its delivery log (queued deliveries are not sent); audited. */
export async function endpointRemover(sequelize: Sequelize, actor: AuditActor, id: number): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const [row] = await sequelize.query<{ url: string }>('DELETE FROM webhook_endpoints WHERE id = :id RETURNING url', { type: QueryTypes.SELECT, replacements: { id }, transaction });
    if (!row) throw new WebhookRefusedError('No such webhook endpoint.');
    await recordAudit({ actor, action: 'webhook.delete', target: { type: 'webhook', id }, summary: `Deleted webhook ${urlForRecords(row.url)}` }, transaction);
  });
}

/**
 * What the audit log and the server log keep of an endpoint's URL: its origin. Chat services (Slack,
 * Telegram, Discord) put the credential in the path, and the audit log can never be rewritten.
 */
export function urlForRecords(url: string): string {
  return `${new URL(url).origin}/…`;
}
