import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An email as the sink received it, decoded (quoted-printable lines joined, encoded headers read). */
export interface ReceivedMail {
  to: string[];
  /** The From header's address. */
  from: string | undefined;
  subject: string;
  text: string;
  /** The Reply-To address, if the mail has one. */
  replyTo: string | undefined;
  /** When it arrived (Date.now()). */
  receivedAt: number;
}

/**
 * A real SMTP server on a free loopback port that keeps what it receives, for tests of actual delivery.
 * `refuse` makes it answer every MAIL FROM with that temporary error instead.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** MAIL FROM commands seen: one per delivery attempt, refused or not. */
  attempts = 0;
  refuse: string | undefined;
  /** Slows each accepted message down, to keep concurrent senders busy at the same time. */
  delayMs = 0;

  readonly #server = new SMTPServer({
    // Plain SMTP without authentication, as a local relay would be; without STARTTLS the client does not try
    // to upgrade to TLS with a certificate it cannot verify.
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1_000,
    onMailFrom: (_address, _session, callback) => {
      this.attempts++;
      callback(this.refuse ? Object.assign(new Error(this.refuse), { responseCode: 451 }) : undefined);
    },
    onData: (stream, session, callback) => {
      simpleParser(stream).then(async (parsed) => {
        if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), from: parsed.from?.value[0]?.address, subject: parsed.subject ?? '', text: parsed.text ?? '', replyTo: parsed.replyTo?.value[0]?.address, receivedAt: Date.now() });
        callback();
      }, callback);
    },
  });

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await new Promise<void>((resolve) => sink.#server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.#server.server.address() as AddressInfo).port}`;
  }

  /** Waits until `count` messages have arrived (or fails after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} mails, received ${this.received.length} in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.received;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
