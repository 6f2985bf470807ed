import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { SCOPE_REQUIRES, type ApiScope } from '../../../core/accounts/policy.ts';
import * as s from './schemas.ts';

/** What each operation needs, as the document tells it; the routes enforce the same scope (see token-route.ts). */
interface Operation {
  summary: string;
  scope: ApiScope;
  path?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: '200' | '201'; description: string; schema: z.ZodType };
  /** Error statuses beyond the ones every operation can answer (401, 403, 429). */
  errors?: Array<'400' | '404' | '409' | '413' | '422'>;
}

const ERROR_DESCRIPTIONS = {
  '400': 'The body is not JSON.',
  '401': 'No token, or an unknown, revoked or expired one, or its owner is deactivated.',
  '403': 'The token lacks the scope, or its owner\'s role does not allow it.',
  '404': 'No such item.',
  '409': 'Someone saved a newer version since `baseVersion`; nothing was changed.',
  '413': 'The body is larger than 1 MB.',
  '422': 'A parameter or field is invalid; `fields` names each.',
  '429': 'Too many requests for this token; see `Retry-After`.',
} as const;

const OPERATIONS: Record<string, Partial<Record<'get' | 'post' | 'patch', Operation>>> = {
  '/api/v1/collections': { get: { summary: 'List collections', scope: 'articles:read', ok: { status: '200', description: 'Every collection, per language.', schema: s.collectionListSchema } } },
  '/api/v1/articles': {
    get: { summary: 'List articles', scope: 'articles:read', query: s.articleListQuery, ok: { status: '200', description: 'A page of articles, without bodies.', schema: s.articlePageSchema }, errors: ['422'] },
    post: { summary: 'Create an article', scope: 'articles:write', body: s.articleCreateBody, ok: { status: '201', description: 'The new article.', schema: s.articleWithBodySchema }, errors: ['400', '413', '422'] },
  },
  '/api/v1/articles/{id}': {
    get: { summary: 'Get an article', scope: 'articles:read', path: s.idParams, ok: { status: '200', description: 'The article with its markdown.', schema: s.articleWithBodySchema }, errors: ['404'] },
    patch: { summary: 'Update an article', scope: 'articles:write', path: s.idParams, body: s.articleUpdateBody, ok: { status: '200', description: 'The saved article.', schema: s.articleWithBodySchema }, errors: ['400', '404', '409', '413', '422'] },
  },
  '/api/v1/conversations': {
    get: { summary: 'List conversations', scope: 'conversations:read', query: s.conversationListQuery, ok: { status: '200', description: 'A page of conversations, newest first.', schema: s.conversationPageSchema }, errors: ['422'] },
  },
  '/api/v1/conversations/{id}': {
    get: { summary: 'Get a conversation', scope: 'conversations:read', path: s.idParams, ok: { status: '200', description: 'The conversation.', schema: s.conversationSchema }, errors: ['404'] },
  },
  '/api/v1/conversations/{id}/messages': {
    get: { summary: 'List messages of a conversation', scope: 'conversations:read', path: s.idParams, query: s.messageListQuery, ok: { status: '200', description: 'Messages after `after`, oldest first; internal notes only with `conversations:notes`.', schema: s.messagePageSchema }, errors: ['404', '422'] },
  },
  '/api/v1/users': { get: { summary: 'List staff', scope: 'users:read', ok: { status: '200', description: 'Staff members: id, name, roles (no email addresses).', schema: s.userListSchema } } },
};

const jsonContent = (schema: z.ZodType) => ({ 'application/json': { schema } });

/** Sent with every answer (token-route.ts); `Retry-After` only with 429. */
const rateLimitHeaders = z.object({
  'RateLimit-Limit': z.string().meta({ description: 'Requests allowed per minute for this token.' }),
  'RateLimit-Remaining': z.string().meta({ description: 'Requests left in the current minute.' }),
  'RateLimit-Reset': z.string().meta({ description: 'Seconds until the current minute ends.' }),
});
const retryAfterHeaders = rateLimitHeaders.extend({ 'Retry-After': z.string().meta({ description: 'Seconds to wait before retrying.' }) });

function operation(op: Operation): ZodOpenApiOperationObject {
  const errors = [...(op.errors ?? []), '401', '403', '429'] as const;
  return {
    summary: op.summary,
    description: `Needs the \`${op.scope}\` scope, and an owner whose role has the \`${SCOPE_REQUIRES[op.scope]}\` permission.`,
    security: [{ bearerToken: [op.scope] }],
    ...(op.path || op.query ? { requestParams: { ...(op.path ? { path: op.path } : {}), ...(op.query ? { query: op.query } : {}) } } : {}),
    ...(op.body ? { requestBody: { required: true, content: jsonContent(op.body) } } : {}),
    responses: {
      [op.ok.status]: { description: op.ok.description, headers: rateLimitHeaders, content: jsonContent(op.ok.schema) },
      ...Object.fromEntries(errors.map((status) => [status, { description: ERROR_DESCRIPTIONS[status], headers: status === '429' ? retryAfterHeaders : rateLimitHeaders, content: jsonContent(s.errorSchema) }])),
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the routes parse with. */
export function buildOpenApiDocument(serverUrl: string): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = Object.fromEntries(
    Object.entries(OPERATIONS).map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(op)]))]),
  );
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Deflect API', version: '1.0.0', description: 'Read and write help-center articles, read conversations. Authenticate with a personal access token created on your profile page.' },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }],
    components: { securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal access token (`dfl_…`) from /admin/profile.' } } },
    paths,
  });
}
