import type { z } from 'zod';
import { issueLines, issuesByField } from '../../../core/validation.ts';
import type { errorSchema } from './schemas.ts';

/** The closed list of /api/v1 error codes (documented by `errorSchema`). */
export type V1ErrorCode = z.infer<typeof errorSchema>['error']['code'];

const NO_STORE = { 'Cache-Control': 'no-store' };

/** `{ error: { code, message, … } }` with the status that goes with it. */
export function v1Error(status: number, code: V1ErrorCode, message: string, extra: { fields?: Record<string, string>; currentVersion?: number; headers?: Record<string, string> } = {}): Response {
  const { headers = {}, ...details } = extra;
  return Response.json({ error: { code, message, ...details } }, { status, headers: { ...NO_STORE, ...headers } });
}

/** 422 naming each invalid field: "title: give the article a title; tags: at most 20 tags". */
export function validationFailed(error: z.ZodError, whole: string): Response {
  return v1Error(422, 'validation_failed', issueLines(error, whole).join('; '), { fields: issuesByField(error, whole) });
}

export function v1Json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export const notFound = (what: string) => v1Error(404, 'not_found', `No such ${what}.`);
