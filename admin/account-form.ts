import type { AstroGlobal } from 'astro';
import type { z } from 'zod';
import type { StaffView } from '../core/accounts/index.ts';
import { issueLines } from '../core/validation.ts';
import { setSessionCookie } from './session-cookie.ts';

/** Errors the domain raises to refuse a change, shown to the person as they are. */
const REFUSALS = new Set(['SetupRefusedError', 'StaffChangeRefusedError', 'PasswordResetRefusedError', 'CollectionChangeRefusedError', 'SavedReplyRefusedError', 'WebhookRefusedError', 'AccessTokenRefusedError']);

export function isRefusal(error: unknown): error is Error {
  // By name: the error classes live in core, which the server bundle may hold a second copy of.
  return error instanceof Error && REFUSALS.has(error.name);
}

export interface AccountFormResult {
  /** The redirect to send when the account was created and signed in. */
  response?: Response;
  errors: string[];
  /** What was typed (never the password), to fill the form again. */
  values: Record<string, string>;
}

/**
 * The "create an account (or set its password), then sign in" step of first-run setup, invitations and
 * password resets: validates the posted fields, calls the domain, starts a session with a fresh id, and
 * redirects to /admin.
 */
export async function submitAccountForm<S extends z.ZodType>(
  Astro: AstroGlobal,
  fields: string[],
  schema: S,
  create: (input: z.infer<S>) => Promise<StaffView>,
): Promise<AccountFormResult> {
  const form = await Astro.request.formData();
  const values = Object.fromEntries(fields.map((field) => [field, String(form.get(field) ?? '')]));
  const parsed = schema.safeParse({ ...values, password: String(form.get('password') ?? '') });
  if (!parsed.success) {
    Astro.response.status = 400;
    return { errors: issueLines(parsed.error), values };
  }
  try {
    const staff = await create(parsed.data);
    const { core } = Astro.locals;
    const session = await core.accounts.startSession(staff);
    setSessionCookie(Astro.cookies, session.token, session.expiresAt, core.config.PUBLIC_URL);
    return { response: Astro.redirect('/admin', 303), errors: [], values };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    Astro.response.status = 409;
    return { errors: [error.message], values };
  }
}
