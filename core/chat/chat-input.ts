import { z } from 'zod';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './attachments.ts';
import { MAX_RATING_COMMENT_LENGTH, RATING_SCORES, type RatingScore } from './csat.ts';

export const MAX_MESSAGE_LENGTH = 5_000;

const body = z
  .string()
  .transform((text) => text.trim())
  .pipe(z.string().min(1, 'message is empty').max(MAX_MESSAGE_LENGTH, `message is longer than ${MAX_MESSAGE_LENGTH} characters`));
const clientId = z.uuid('clientId: not a UUID');
const conversationId = z.number().int().positive();

export const originSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('launcher'), page: z.string().max(500).optional() }),
    z.object({ kind: z.literal('article'), articleId: z.number().int().positive(), reaction: z.enum(['sad', 'neutral', 'happy']).optional() }),
    z.object({ kind: z.literal('search'), query: z.string().max(200), page: z.string().max(500).optional() }),
  ])
  .default({ kind: 'launcher' });

export const visitorContextSchema = z
  .object({
    page: z.string().max(500).optional(),
    pages: z.array(z.string().max(500)).max(50).optional(),
    entryPage: z.string().max(500).optional(),
    referrer: z.string().max(500).optional(),
    userAgent: z.string().max(500).optional(),
    locale: z.string().max(8).optional(),
    timeZone: z.string().max(64).optional(),
  })
  .default({});

/** A visitor's first message opens a conversation. */
export const startConversationSchema = z.object({ clientId, body, origin: originSchema });
const messageFields = z.object({
  conversationId,
  clientId,
  body: z.string().transform((text) => text.trim()).pipe(z.string().max(MAX_MESSAGE_LENGTH, `message is longer than ${MAX_MESSAGE_LENGTH} characters`)),
  kind: z.enum(['text', 'note']).default('text'),
  attachmentIds: z.array(z.uuid('attachmentIds: not a UUID')).max(MAX_ATTACHMENTS_PER_MESSAGE, `at most ${MAX_ATTACHMENTS_PER_MESSAGE} files per message`).default([]),
});
/** A message into an existing conversation; `kind: 'note'` only from operators. Text, files, or both. */
export const sendMessageSchema = messageFields.refine((message) => message.body.length > 0 || message.attachmentIds.length > 0, { message: 'message is empty', path: ['body'] });
/**
 * An operator's message may also carry one help-center article (`card: { articleId }`; the server builds the
 * card from the published article). Only in a reply: a note never reaches the visitor the card is for.
 */
export const agentSendMessageSchema = messageFields
  .extend({ card: z.object({ articleId: z.number().int().positive() }).optional() })
  .refine((message) => message.body.length > 0 || message.attachmentIds.length > 0 || message.card !== undefined, { message: 'message is empty', path: ['body'] })
  .refine((message) => message.card === undefined || message.kind === 'text', { message: 'an article goes in a reply, not in an internal note', path: ['card'] });
/** "Everything after sequence number N": the catch-up after a reconnect. */
export const syncSchema = z.object({ conversationId, afterSeq: z.number().int().min(0) });
export const seenSchema = z.object({ conversationId, seq: z.number().int().min(0) });
export const conversationRefSchema = z.object({ conversationId });
/** "How was the conversation?": a face and an optional comment (blank = none). */
export const rateConversationSchema = z.object({
  conversationId,
  score: z.enum(Object.keys(RATING_SCORES) as [RatingScore, ...RatingScore[]], 'score: one of sad, neutral, happy'),
  comment: z
    .string()
    .max(MAX_RATING_COMMENT_LENGTH, `comment is longer than ${MAX_RATING_COMMENT_LENGTH} characters`)
    .optional()
    .transform((text) => text?.trim() || null),
});
