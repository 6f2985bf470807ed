import type { core, z } from 'zod';

/**
 * The one way a validation error is told to people: one "field: problem" line per issue
 * ("DATABASE_URL: not a postgres:// URL", "password: use at least 10 characters"). `whole` names the
 * input itself when an issue concerns all of it.
 */
export function issueLines(error: z.ZodError | core.$ZodError, whole = 'value'): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || whole}: ${issue.message}`);
}

/**
 * The first problem of each field, keyed like `issueLines` names them ("slug", "translations.ru"), so a
 * form can show it next to its field.
 */
export function issuesByField(error: z.ZodError, whole = 'value'): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of error.issues) byField[issue.path.join('.') || whole] ??= issue.message;
  return byField;
}
