import * as z from 'zod/mini';
import { issueLines } from '../../../../core/validation.ts';

/** What a host page or the help center asked the widget home for; a new object each time it is asked. */
export type HomeRequest = { kind: 'article'; reference: number | string } | { kind: 'search'; query: string };

export type ParsedHomeRequest = { ok: true; request: HomeRequest } | { ok: false; message: string };

const articleReference = z.union([
  z.number().check(z.int('a whole number'), z.positive('a positive id')),
  z.string().check(z.trim(), z.minLength(1, 'an article id or slug'), z.maxLength(200, 'at most 200 characters')),
]);
const searchQuery = z.string().check(z.trim(), z.minLength(1, 'a query to search'), z.maxLength(200, 'at most 200 characters'));

/**
 * Checks `Deflect('openArticle', idOrSlug)` and `Deflect('search', query)`. A bad one is refused with a
 * message for the developer (`openArticle: an article id or slug`) and changes nothing. A numeric string
 * ("42") is an id, as a slug is never only digits.
 */
export function parseHomeRequest(name: 'openArticle' | 'search', argument: unknown): ParsedHomeRequest {
  if (name === 'search') {
    const parsed = searchQuery.safeParse(argument);
    return parsed.success ? { ok: true, request: { kind: 'search', query: parsed.data } } : { ok: false, message: `search: ${issueLines(parsed.error).join('; ')}` };
  }
  const parsed = articleReference.safeParse(argument);
  if (!parsed.success) return { ok: false, message: `openArticle: ${issueLines(parsed.error).join('; ')} (pass an article id or slug)` };
  const reference = typeof parsed.data === 'string' && /^\d+$/.test(parsed.data) ? Number(parsed.data) : parsed.data;
  return { ok: true, request: { kind: 'article', reference } };
}
