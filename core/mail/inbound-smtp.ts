import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Logger } from '../logger.ts';

/** Largest email taken in: far above any typed reply, far below what could hurt memory. */
export const INBOUND_MAIL_MAX_BYTES = 10 * 1024 * 1024;

export interface InboundMailHandler {
  /** Recipients not worth reading data for are refused at RCPT TO (nothing here relays mail). */
  acceptsRecipient(address: string): boolean;
  /** Takes one email; a thrown error with `reason` is the sender's fault (550), anything else ours (451: retry later). */
  receive(raw: Buffer, envelopeRecipients: readonly string[]): Promise<unknown>;
}

/**
 * The built-in SMTP receiver for replies to chat emails (INBOUND_SMTP_PORT; off when unset). Point the reply
 * domain's MX at it. No authentication and no TLS of its own — the same as a mail server accepting mail for
 * its domains — since what it accepts is decided by the signed reply address, checked per recipient.
 */
export class InboundSmtpServer {
  readonly #server: SMTPServer;

  constructor(handler: InboundMailHandler, logger: Logger) {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: INBOUND_MAIL_MAX_BYTES,
      logger: false,
      closeTimeout: 5_000,
      onRcptTo: (address, _session, callback) => {
        if (handler.acceptsRecipient(address.address)) return callback();
        logger.warn({ recipient: address.address }, 'inbound email refused: not a reply address');
        callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        // Past the limit the rest is drained, not kept: smtp-server only flags the overflow at the end.
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.byteLength;
          if (bytes <= INBOUND_MAIL_MAX_BYTES) chunks.push(chunk);
        });
        stream.on('end', () => {
          if (stream.sizeExceeded || bytes > INBOUND_MAIL_MAX_BYTES) return callback(Object.assign(new Error(`Message larger than ${INBOUND_MAIL_MAX_BYTES} bytes`), { responseCode: 552 }));
          handler.receive(Buffer.concat(chunks), session.envelope.rcptTo.map((r) => r.address)).then(
            () => callback(),
            (error: Error & { reason?: string }) => {
              if (error.reason) return callback(Object.assign(new Error(error.message), { responseCode: 550 }));
              logger.error({ err: error }, 'inbound email could not be stored');
              callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
            },
          );
        });
      },
    });
    this.#server.on('error', (error) => logger.warn({ err: error }, 'inbound SMTP error'));
  }

  /** Starts listening; resolves with the port (useful with port 0). */
  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.server.once('error', reject);
      this.#server.listen(port, host, () => resolve());
    });
    return (this.#server.server.address() as AddressInfo).port;
  }

  /** Stops taking connections and lets the ones in progress finish (up to closeTimeout). */
  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
