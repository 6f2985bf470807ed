import { z } from 'zod';
import { MAX_MESSAGE_LENGTH } from './chat-input.ts';

const conversationId = z.number().int().positive();

/** A time zone the runtime knows (IANA name, e.g. Europe/Berlin): snooze events are written in it. */
const timeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'timeZone: not a known time zone');

/** `conversation:transfer`: a new owner and an internal note for them; `clientId` makes a resend harmless. */
export const transferSchema = z.object({
  conversationId,
  assigneeId: z.number().int().positive(),
  clientId: z.uuid('clientId: not a UUID'),
  note: z
    .string()
    .transform((text) => text.trim())
    .pipe(z.string().min(1, 'note is empty').max(MAX_MESSAGE_LENGTH, `note is longer than ${MAX_MESSAGE_LENGTH} characters`)),
});

/** `conversation:snooze`: until an absolute time (the browser computes presets in the operator's zone). */
export const snoozeSchema = z.object({
  conversationId,
  until: z.iso.datetime({ offset: true, message: 'until: not an ISO date-time' }).transform((iso) => new Date(iso)),
  timeZone: timeZone.default('UTC'),
});

/** `visitor:profile`. */
export const visitorProfileSchema = z.object({ visitorId: z.uuid('visitorId: not a UUID') });
