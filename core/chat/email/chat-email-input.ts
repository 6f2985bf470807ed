import { z } from 'zod';

/** `visitor:email`: the address a visitor gives for replies and transcripts. */
export const visitorEmailSchema = z.object({
  email: z
    .string()
    .trim()
    .max(320, 'at most 320 characters')
    .pipe(z.email('not an email address'))
    .transform((email) => email.toLowerCase()),
});

/** `conversation:transcript`: email me this conversation. */
export const transcriptSchema = z.object({ conversationId: z.number().int().positive() });
