/**
 * The event types an endpoint can subscribe to, with what the admin shows for each. The triggers of
 * migration 0020 write all but `csat.rated`, which the CSAT module records with `recordWebhookEvent`.
 */
export const WEBHOOK_EVENTS = {
  'conversation.created': 'A visitor started a conversation',
  'conversation.assigned': 'A conversation got an owner (claimed, assigned, transferred, or first reply)',
  'conversation.closed': 'A conversation was closed',
  'message.created': 'A visitor or an operator wrote in a conversation (never internal notes)',
  'reaction.created': 'A visitor answered “Did this answer your question?” on an article (😞 😐 😃)',
  'csat.rated': 'A visitor rated a conversation',
  'article.published': 'An article was published',
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];

/** Sent by "Send test event" to one endpoint, whatever it subscribes to. */
export const TEST_EVENT_TYPE = 'webhook.test';
