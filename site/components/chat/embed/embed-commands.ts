import * as z from 'zod/mini';
import { identityClaimSchema, type IdentityClaim } from '../../../../core/chat/identity-claim.ts';
import { issueLines } from '../../../../core/validation.ts';
import { parseHomeRequest, type HomeRequest } from '../home/home-request.ts';

/**
 * A command the host page gave with `Deflect(name, ...args)`, as the frame runs it. `boot` and `on` never
 * get here: the loader handles them on the host page. `openArticle` and `search` both become `home`: the
 * widget's home, on that article or with that query searched.
 */
export type EmbedCommand =
  | { name: 'identify'; identity: IdentityClaim }
  | { name: 'open' }
  | { name: 'close' }
  | { name: 'prefill'; text: string }
  | { name: 'logout' }
  | { name: 'home'; request: HomeRequest }
  | { name: 'page'; url: string; referrer: string };

export type ParsedCommand = { ok: true; command: EmbedCommand } | { ok: false; message: string };

/** The host page, sent by the loader itself (first, and on every `Deflect('page')`): http(s) addresses only. */
const pageSchema = z.object({
  url: z.string().check(z.maxLength(2000, 'at most 2,000 characters'), z.regex(/^https?:\/\//, 'an http(s) address')),
  referrer: z.string().check(z.maxLength(2000, 'at most 2,000 characters')),
});

/** The composer takes at most this much, like a message. */
const prefillSchema = z.string().check(z.maxLength(5000, 'at most 5,000 characters'));

/**
 * Checks one command (`[name, ...args]`, as the host called `Deflect`). A bad one is refused with a message
 * for the host's developer (`identify: userHash: user_hash: a hex HMAC-SHA256`) and changes nothing.
 */
export function parseCommand(raw: unknown): ParsedCommand {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string') return { ok: false, message: 'a command is Deflect(name, ...arguments)' };
  const [name, argument] = raw as [string, unknown];
  switch (name) {
    case 'open':
    case 'close':
    case 'logout':
      return { ok: true, command: { name } };
    case 'identify': {
      // Checked against the form it is meant to be, so the message names the field at fault.
      const [byHash, byJwt] = identityClaimSchema.def.options;
      const parsed = (typeof argument === 'object' && argument !== null && 'jwt' in argument ? byJwt : byHash).safeParse(argument);
      if (!parsed.success) return { ok: false, message: `identify: ${issueLines(parsed.error, 'identity').join('; ')} (pass { userId, userHash } or { jwt })` };
      return { ok: true, command: { name, identity: parsed.data } };
    }
    case 'prefill': {
      const parsed = prefillSchema.safeParse(argument);
      if (!parsed.success) return { ok: false, message: `prefill: ${issueLines(parsed.error).join('; ')}` };
      return { ok: true, command: { name, text: parsed.data } };
    }
    case 'page': {
      const parsed = pageSchema.safeParse(argument);
      if (!parsed.success) return { ok: false, message: `page: ${issueLines(parsed.error).join('; ')}` };
      return { ok: true, command: { name, ...parsed.data } };
    }
    case 'openArticle':
    case 'search': {
      const parsed = parseHomeRequest(name, argument);
      return parsed.ok ? { ok: true, command: { name: 'home', request: parsed.request } } : parsed;
    }
    default:
      return { ok: false, message: `unknown command "${name.slice(0, 50)}"` };
  }
}
