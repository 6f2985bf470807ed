import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

/** What the worker sends: one email to one recipient. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  replyTo?: string | undefined;
}

/** Delivers one email or throws (the worker retries). */
export interface MailTransport {
  /** Human-readable, for the start-up log line. */
  readonly description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer when SMTP_URL is set. Timeouts are far shorter than nodemailer's defaults (up to
 * 10 minutes of socket silence): a hung server must not hold a message past the worker's claim on it, nor
 * a graceful shutdown for long.
 */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }, { from });
  const { hostname, port, protocol } = new URL(smtpUrl);
  return {
    description: `SMTP ${protocol}//${hostname}${port ? `:${port}` : ''}`,
    async send(mail) {
      await transporter.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}), ...(mail.replyTo ? { replyTo: mail.replyTo } : {}) });
    },
    close: () => transporter.close(),
  };
}

/**
 * Without SMTP_URL (a local `npm start`): each email is written to the log at info level, links included,
 * and counts as sent, so invitations and password resets work on a laptop with nothing to configure.
 */
export function logTransport(logger: Logger): MailTransport {
  return {
    description: 'the log (SMTP_URL is not set)',
    async send(mail) {
      logger.info({ to: mail.to, subject: mail.subject }, `Mail to ${mail.to} (SMTP_URL is not set, so it is only logged): ${mail.subject}\n${mail.text}`);
    },
    close: () => undefined,
  };
}

/** The transport the configuration asks for. */
export function createMailTransport(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>, logger: Logger): MailTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL, config.MAIL_FROM) : logTransport(logger);
}
