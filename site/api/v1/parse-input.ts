import type { z } from 'zod';
import { BodyTooLargeError, readBodyLimited } from '../read-body.ts';
import { validationFailed, v1Error } from './responses.ts';

/** An article body is at most 200,000 characters; with the other fields and JSON escaping this is ample. */
const MAX_JSON_BYTES = 1024 * 1024;

type Parsed<T> = { data: T; response?: never } | { data?: never; response: Response };

/** Query-string parameters through their schema; a bad one answers 422 naming it. */
export function parseQuery<S extends z.ZodType>(schema: S, url: URL): Parsed<z.output<S>> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  return parsed.success ? { data: parsed.data } : { response: validationFailed(parsed.error, 'query') };
}

/** Path parameters (`{id}`): one that is not an id names nothing, so it answers 404 rather than 422. */
export function parseParams<S extends z.ZodType>(schema: S, params: Record<string, string | undefined>, what: string): Parsed<z.output<S>> {
  const parsed = schema.safeParse(params);
  return parsed.success ? { data: parsed.data } : { response: v1Error(404, 'not_found', `No such ${what}.`) };
}

/** A JSON body through its schema: not JSON → 400, over 1 MB → 413, JSON that breaks the schema → 422 naming each field. */
export async function parseJsonBody<S extends z.ZodType>(schema: S, request: Request): Promise<Parsed<z.output<S>>> {
  if (!(request.headers.get('content-type') ?? '').includes('application/json')) return { response: v1Error(400, 'invalid_request', 'Send the body as JSON with Content-Type: application/json.') };
  let raw: unknown;
  try {
    raw = JSON.parse((await readBodyLimited(request, MAX_JSON_BYTES)).toString('utf8'));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { response: v1Error(413, 'too_large', `The body is ${error.message}.`) };
    return { response: v1Error(400, 'invalid_request', 'The body is not valid JSON.') };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { data: parsed.data } : { response: validationFailed(parsed.error, 'body') };
}
