import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './events.ts';

/** Hosts where plain http is accepted: a receiver on the developer's own machine. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where events are POSTed. https only — the body carries customers' messages, and the signature proves who
 * sent it but hides nothing — except on the loopback host, for trying a receiver locally. No user:password
 * part: it would be shown in the admin and logs; receivers authenticate us by the signature.
 */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, 'enter the URL that receives the events')
  .max(2000, 'at most 2000 characters')
  .superRefine((value, ctx) => {
    // Empty is already reported by min(); zod runs refinements anyway.
    if (!value) return;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a URL: use one like https://example.com/hooks/deflect' });
      return;
    }
    if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) ctx.addIssue({ code: 'custom', message: 'use https:// (plain http:// only for localhost or 127.0.0.1)' });
    else if (url.protocol !== 'https:' && url.protocol !== 'http:') ctx.addIssue({ code: 'custom', message: 'use an https:// URL' });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'leave out user:password@ — receivers check the Deflect-Signature header instead' });
  });

export const webhookEndpointSchema = z.object({
  url: webhookUrlSchema,
  description: z.string().trim().max(200, 'at most 200 characters').default(''),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType, ...WebhookEventType[]], 'unknown event type'))
    .min(1, 'choose at least one event')
    .transform((events) => [...new Set(events)]),
  enabled: z.boolean(),
});
export type WebhookEndpointInput = z.input<typeof webhookEndpointSchema>;
export type WebhookEndpointFields = z.output<typeof webhookEndpointSchema>;
