import type { WebhookEndpointView, WebhookEventType } from '../core/webhooks/index.ts';

/** What the endpoint forms post, as typed: shown again when something is wrong, so nothing is lost. */
export interface WebhookFormValues {
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
}

/** A new endpoint starts enabled and subscribed to nothing: the admin picks the events. */
export const EMPTY_WEBHOOK_FORM: WebhookFormValues = { url: '', description: '', events: [], enabled: true };

/** Reads the fields of admin/components/WebhookFields.astro. */
export function readWebhookForm(form: FormData): WebhookFormValues {
  return {
    url: String(form.get('url') ?? ''),
    description: String(form.get('description') ?? ''),
    events: form.getAll('events').map(String),
    enabled: form.get('enabled') === 'on',
  };
}

/** The form filled with an endpoint as stored. */
export function webhookFormOf(endpoint: WebhookEndpointView): WebhookFormValues {
  return { url: endpoint.url, description: endpoint.description, events: [...endpoint.events], enabled: endpoint.enabled };
}

/** The form's values as the domain takes them; the domain's schema refuses unknown event types. */
export function webhookInputOf(values: WebhookFormValues): { url: string; description: string; events: WebhookEventType[]; enabled: boolean } {
  return { ...values, events: values.events as WebhookEventType[] };
}

/** "2026-11-24 00:35:20 UTC": the log's times, the same for every admin. */
export function formatUtc(iso: string | null): string {
  return iso ? `${iso.slice(0, 19).replace('T', ' ')} UTC` : '—';
}
