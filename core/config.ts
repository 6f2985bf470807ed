import path from 'node:path';
import { z } from 'zod';
import { issueLines } from './validation.ts';

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^/]+/.test(value), 'not a postgres:// URL');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
const smtpUrl = z
  .string()
  .refine((value) => /^smtps?:\/\/[^/?#]+/.test(value) && URL.canParse(value), 'not an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587');

/** A bare address or `Name <address>`, as it goes into the From header. */
const mailbox = z
  .string()
  .regex(/^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'not a sender such as "Acme Help <help@acme.example>" or help@acme.example');

const port = z.coerce
  .number({ message: 'not a number' })
  .int('not a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

/** Every environment variable Deflect reads, with its default. The README's configuration table mirrors it. */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: port.default(4321),
  HOST: z.string().min(1).default('localhost'),
  PUBLIC_URL: z.url({ message: 'not an absolute URL such as https://help.example.com' }).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: postgresUrl.optional(),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  ARTICLES_DIR: z.string().min(1).default('articles'),
  IMPORT_ON_START: booleanFlag.default(true),
  MEILISEARCH_URL: z.url({ message: 'not a URL such as http://localhost:7700' }).optional(),
  MEILISEARCH_KEY: z.string().min(1).optional(),
  MEILISEARCH_INDEX_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, - and _ only').default('deflect'),
  SEARCH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Visitor chat connections per client address per minute (a load test from one machine raises it). */
  CHAT_HANDSHAKES_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Requests a minute per REST API token (/api/v1). */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Other sites (origins) allowed to embed the chat widget, comma-separated. */
  CHAT_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.url({ message: 'not an origin such as https://www.example.com' }))),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: mailbox.default('Deflect <no-reply@localhost>'),
  /** Domain of conversations' reply addresses (`reply+<token>@…`); default: PUBLIC_URL's host. */
  MAIL_REPLY_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/i, 'not a domain such as help.example.com').optional(),
  /** How long an operator's reply waits for the visitor to read it in the chat before it is emailed. */
  CHAT_EMAIL_DELAY_MS: z.coerce.number().int().min(0).default(120_000),
  /** At most one "visitor waiting" email per operator and conversation in this interval. */
  OPERATOR_ALERT_INTERVAL_MS: z.coerce.number().int().min(0).default(15 * 60_000),
  /** Port of the built-in SMTP receiver for replies to chat emails; unset = off. */
  INBOUND_SMTP_PORT: port.optional(),
  INBOUND_SMTP_HOST: z.string().min(1).optional(),
  /** Shared secret a mail provider sends in `X-Inbound-Secret` to POST /api/mail/inbound; unset = webhook off. */
  INBOUND_MAIL_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** Deliver webhooks to loopback, private and link-local addresses (a receiver on this machine or network). */
  WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
});

export type Environment = z.infer<typeof environmentSchema>;

/** Resolved configuration: paths absolute, the public origin known. */
export interface Config extends Omit<Environment, 'PUBLIC_URL' | 'MAIL_REPLY_DOMAIN'> {
  PUBLIC_URL: string;
  MAIL_REPLY_DOMAIN: string;
  /** Absolute path of DATA_DIR. */
  dataDir: string;
  /** Absolute path of ARTICLES_DIR. */
  articlesDir: string;
}

/** Thrown when the environment is invalid; its message lists one line per variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the configuration. Errors name the variable and say what is wrong,
 * e.g. "DATABASE_URL: not a postgres:// URL".
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const lines = issueLines(parsed.error);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const publicHost = values.HOST === '0.0.0.0' || values.HOST === '::' ? 'localhost' : values.HOST;
  const publicUrl = (values.PUBLIC_URL ?? `http://${publicHost}:${values.PORT}`).replace(/\/+$/, '');
  return {
    ...values,
    PUBLIC_URL: publicUrl,
    MAIL_REPLY_DOMAIN: values.MAIL_REPLY_DOMAIN ?? new URL(publicUrl).hostname,
    dataDir: path.resolve(cwd, values.DATA_DIR),
    articlesDir: path.resolve(cwd, values.ARTICLES_DIR),
  };
}

/** An exported-but-empty variable (`DATABASE_URL=`) means "not set", as shells and .env files intend. */
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
