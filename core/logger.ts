import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The one logger factory: JSON lines in production (for log shippers), pretty in an interactive
 * terminal during development.
 */
export function createLogger(level: string, pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production'): Logger {
  if (!pretty) return pino({ level });
  return pino({
    level,
    transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } },
  });
}
