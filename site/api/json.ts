import type { z } from 'zod';
import { issueLines } from '../../core/validation.ts';

/** Closed list of API error codes; every error response is `{ error: { code, message } }`. */
export type ApiErrorCode = 'invalid_request' | 'rate_limited' | 'search_unavailable' | 'not_found' | 'too_large' | 'image_rejected' | 'forbidden_origin' | 'unauthenticated' | 'mail_refused';

export function apiError(status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message } }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** "q: too long (at most 200 characters); limit: must be at most 50" */
export function describeIssues(error: z.ZodError): string {
  return issueLines(error, 'body').join('; ');
}
