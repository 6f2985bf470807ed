import { z } from 'zod';
import { MAX_BODY_LENGTH } from '../../../core/articles/editor/article-fields.ts';

/**
 * Every input and output of /api/v1 as zod schemas: routes parse with them and the OpenAPI document
 * (openapi.ts) is generated from them, so the documentation is the code.
 */

const id = z.coerce.number().int('not a whole number').positive('not an id');
/** In JSON bodies ids are numbers, not strings that look like one. */
const bodyId = z.number('not a number').int('not a whole number').positive('not an id');
const limit = z.coerce.number().int('not a whole number').min(1, 'at least 1').max(100, 'at most 100').default(25).meta({ description: 'Items per page (1–100).' });
const cursor = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'not a cursor from a previous page')
  .optional()
  .meta({ description: 'The `nextCursor` of the previous page; omit for the first page.' });
const isoTime = z.string().meta({ format: 'date-time' });

export const idParams = z.object({ id: id.meta({ description: 'The id.' }) });

export const articleListQuery = z.object({
  locale: z.string().regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/, 'not a locale code such as en').optional().meta({ description: 'Only articles in this language.' }),
  collection: id.optional().meta({ description: 'Only articles in this collection (its id).' }),
  status: z.enum(['draft', 'published']).optional(),
  limit,
  cursor,
});

const title = z.string().trim().min(1, 'give the article a title').max(300, 'at most 300 characters');
const description = z.string().trim().max(500, 'at most 500 characters');
const body = z.string().max(MAX_BODY_LENGTH, `at most ${MAX_BODY_LENGTH.toLocaleString('en')} characters`).meta({ description: 'Markdown.' });
const tags = z.array(z.string().trim().min(1, 'empty tag').max(100, 'each tag at most 100 characters')).max(20, 'at most 20 tags');

export const articleCreateBody = z
  .object({
    title,
    locale: z.string().min(2).max(8).meta({ description: 'A language of the site, e.g. `en`.' }),
    collectionId: bodyId.meta({ description: 'A collection in that language.' }),
    description: description.optional(),
    body: body.optional(),
    tags: tags.optional(),
    status: z.enum(['draft', 'published']).default('draft'),
  })
  .strict()
  .meta({ id: 'ArticleCreate' });

export const articleUpdateBody = z
  .object({
    baseVersion: z.number('not a number').int('not a whole number').positive('not a version').meta({ description: 'The `version` this change was based on; a newer saved version makes the update fail with 409.' }),
    title: title.optional(),
    description: description.optional(),
    body: body.optional(),
    tags: tags.optional(),
    slug: z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'letters, digits, - and _ only').max(200).optional().meta({ description: 'Ignored once the article has been published (its URL is out there).' }),
    collectionId: bodyId.optional(),
    authorId: bodyId.nullable().optional(),
    status: z.enum(['draft', 'published']).optional(),
  })
  .strict()
  .meta({ id: 'ArticleUpdate' });

export const conversationListQuery = z.object({
  status: z.enum(['open', 'closed']).optional(),
  assignee: z
    .union([z.literal('none'), id])
    .optional()
    .meta({ description: 'An operator\'s user id, or `none` for unassigned conversations.' }),
  limit,
  cursor,
});

export const messageListQuery = z.object({
  after: z.coerce.number().int('not a whole number').min(0, 'at least 0').default(0).meta({ description: 'Only messages with a higher `seq`; pass the previous page\'s `nextAfter`.' }),
  limit,
});

// ---- responses ----

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(['unauthenticated', 'forbidden', 'not_found', 'invalid_request', 'validation_failed', 'version_conflict', 'rate_limited', 'too_large']),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().meta({ description: 'The first problem of each invalid field.' }),
      currentVersion: z.number().int().optional().meta({ description: 'With `version_conflict`: the article\'s saved version.' }),
    }),
  })
  .meta({ id: 'Error' });

export const collectionSchema = z
  .object({ id: z.number().int(), locale: z.string(), slug: z.string(), title: z.string(), description: z.string(), url: z.string(), articleCount: z.number().int(), publishedCount: z.number().int() })
  .meta({ id: 'Collection' });

export const articleSchema = z
  .object({
    id: z.number().int(),
    locale: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    status: z.enum(['draft', 'published']),
    version: z.number().int().meta({ description: 'Send it back as `baseVersion` when updating.' }),
    collectionId: z.number().int(),
    authorId: z.number().int().nullable(),
    url: z.string(),
    managedBy: z.enum(['file', 'app']),
    createdAt: isoTime,
    updatedAt: isoTime,
    publishedAt: isoTime.nullable(),
  })
  .meta({ id: 'Article' });

export const articleWithBodySchema = articleSchema.extend({ body: z.string() }).meta({ id: 'ArticleWithBody' });

const origin = z.union([
  z.object({ kind: z.literal('launcher'), page: z.string().optional() }),
  z.object({ kind: z.literal('article'), articleId: z.number().int() }),
  z.object({ kind: z.literal('search'), query: z.string() }),
]);

export const conversationSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(['open', 'closed']),
    origin,
    assigneeId: z.number().int().nullable(),
    lastSeq: z.number().int(),
    visitorSeenSeq: z.number().int(),
    agentSeenSeq: z.number().int(),
    lastMessageAt: isoTime.nullable(),
    waitingSince: isoTime.nullable(),
    snoozedUntil: isoTime.nullable(),
    snoozedAt: isoTime.nullable(),
    createdAt: isoTime,
  })
  .meta({ id: 'Conversation' });

export const messageSchema = z
  .object({
    conversationId: z.number().int(),
    seq: z.number().int(),
    clientId: z.string(),
    sender: z.enum(['visitor', 'agent', 'system']),
    senderName: z.string().nullable(),
    kind: z.enum(['text', 'note', 'event']).meta({ description: '`note` (internal) only with the `conversations:notes` scope.' }),
    body: z.string(),
    attachments: z.array(z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number().int(), width: z.number().int().nullable(), height: z.number().int().nullable(), url: z.string() })),
    createdAt: isoTime,
  })
  .meta({ id: 'Message' });

export const userSchema = z.object({ id: z.number().int(), name: z.string(), roles: z.array(z.enum(['admin', 'author', 'operator'])), active: z.boolean() }).meta({ id: 'User' });

const nextCursor = z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' });
export const collectionListSchema = z.object({ data: z.array(collectionSchema) });
export const articlePageSchema = z.object({ data: z.array(articleSchema), nextCursor });
export const conversationPageSchema = z.object({ data: z.array(conversationSchema), nextCursor });
export const messagePageSchema = z.object({ data: z.array(messageSchema), nextAfter: z.number().int().nullable().meta({ description: 'Pass as `after` for the next page; null on the last page.' }) });
export const userListSchema = z.object({ data: z.array(userSchema) });
