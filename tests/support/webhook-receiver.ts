import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered. */
  status: number;
}

/**
 * A real HTTP server standing in for a customer's webhook endpoint: records every request and answers
 * `status` (500 to play a broken receiver), after `delayMs` (to play a hanging one).
 */
export class WebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  status = 200;
  delayMs = 0;
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Listens on 127.0.0.1, on `port` when given (to come back where a "down" receiver was). */
  static async start(port = 0): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const status = receiver!.status;
        // Recorded on arrival, so a late answer never lands in the next test's list.
        receiver!.requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        setTimeout(() => response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'broken'), receiver!.delayMs);
      });
    });
    receiver = new WebhookReceiver(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hooks`;
  }

  /** Requests answered 2xx: what the receiver actually accepted. */
  get accepted(): ReceivedWebhook[] {
    return this.requests.filter((r) => r.status < 300);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
