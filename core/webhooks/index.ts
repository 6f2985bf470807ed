import type { Sequelize } from 'sequelize';
import type { AuditActor } from '../audit/audit-log.ts';
import { deliveryRetrier, listDeliveries, testEventSender, type WebhookDeliveryView } from './deliveries.ts';
import type { WebhookEndpointInput } from './endpoint-input.ts';
import { endpointCreator, endpointRemover, endpointUpdater, findEndpoint, listEndpoints, secretRevealer, secretRotator, type WebhookEndpointView } from './endpoints.ts';

export { WebhookRefusedError } from './webhook-errors.ts';
export { recordWebhookEvent, type WebhookDeliveryView } from './deliveries.ts';
export type { WebhookEndpointView } from './endpoints.ts';
export type { WebhookEndpointInput } from './endpoint-input.ts';
export { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './events.ts';

/** Webhook endpoints and their delivery log, as the admin uses them. Every change is audited. */
export interface Webhooks {
  list(): Promise<WebhookEndpointView[]>;
  find(id: number): Promise<WebhookEndpointView | undefined>;
  /** Returns the new endpoint's id and its secret, to show once. */
  create(actor: AuditActor, input: WebhookEndpointInput): Promise<{ id: number; secret: string }>;
  update(actor: AuditActor, id: number, input: WebhookEndpointInput): Promise<void>;
  /** Returns the new secret. */
  rotateSecret(actor: AuditActor, id: number): Promise<string>;
  /** Audited. */
  revealSecret(actor: AuditActor, id: number): Promise<string>;
  remove(actor: AuditActor, id: number): Promise<void>;
  deliveries(endpointId: number, limit?: number): Promise<WebhookDeliveryView[]>;
  /** Queues a `webhook.test` event to the endpoint; returns the delivery's id. */
  sendTest(actor: AuditActor, endpointId: number): Promise<string>;
  retry(actor: AuditActor, endpointId: number, deliveryId: string): Promise<void>;
}

export function createWebhooks(sequelize: Sequelize): Webhooks {
  return {
    list: () => listEndpoints(sequelize),
    find: (id) => findEndpoint(sequelize, id),
    create: (actor, input) => endpointCreator(sequelize, actor, input),
    update: (actor, id, input) => endpointUpdater(sequelize, actor, id, input),
    rotateSecret: (actor, id) => secretRotator(sequelize, actor, id),
    revealSecret: (actor, id) => secretRevealer(sequelize, actor, id),
    remove: (actor, id) => endpointRemover(sequelize, actor, id),
    deliveries: (endpointId, limit) => listDeliveries(sequelize, endpointId, limit),
    sendTest: (actor, endpointId) => testEventSender(sequelize, actor, endpointId),
    retry: (actor, endpointId, deliveryId) => deliveryRetrier(sequelize, actor, endpointId, deliveryId),
  };
}
