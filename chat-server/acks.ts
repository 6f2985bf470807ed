import type { z } from 'zod';
import type { Logger } from '../core/logger.ts';
import { issueLines } from '../core/validation.ts';

/** Every answer to a client request: `{ ok: true, ... }` or `{ ok: false, error: { code, message } }`. */
export type Ack = (answer: { ok: true } & Record<string, unknown> | { ok: false; error: { code: string; message: string } }) => void;

/**
 * Wraps a socket event handler: validates the payload with its zod schema, runs the handler, and always
 * answers through the ack — a refusal with its code, bad input as `invalid`, anything else as `internal`
 * (logged). A client that sent no ack callback gets nothing back, and nothing crashes.
 */
export function handle<S extends z.ZodType>(logger: Logger, schema: S, run: (input: z.output<S>) => Promise<Record<string, unknown>>) {
  return async (payload: unknown, ack?: unknown): Promise<void> => {
    const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) return reply({ ok: false, error: { code: 'invalid', message: issueLines(parsed.error, 'payload').join('; ') } });
    try {
      reply({ ok: true, ...(await run(parsed.data)) });
    } catch (error) {
      const e = error as Error & { code?: string };
      if (e.name === 'ChatRefusedError') return reply({ ok: false, error: { code: e.code!, message: e.message } });
      logger.error({ err: error }, 'chat handler failed');
      reply({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side; try again.' } });
    }
  };
}
