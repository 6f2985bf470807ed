import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DATABASE_EVENTS, RELAYED_EVENTS, type DomainEvents, type EventBus } from './events.ts';
import type { Logger } from './logger.ts';

const CHANNEL = 'deflect_events';
const RECEIVED_EVENTS: ReadonlyArray<keyof DomainEvents> = [...RELAYED_EVENTS, ...DATABASE_EVENTS];

interface Envelope {
  origin: string;
  event: keyof DomainEvents;
  payload: DomainEvents[keyof DomainEvents];
}

/**
 * Carries cache-invalidating events between processes on one database (several app instances, or a CLI
 * import while the server runs) over PostgreSQL LISTEN/NOTIFY: local events are NOTIFYed, notifications
 * from other processes are re-emitted locally with `remote: true`. Triggers NOTIFY some events themselves
 * (`DATABASE_EVENTS`, origin "database"): they are received like the others. If the listening connection
 * drops, it reconnects and emits a `content.changed` resync, since notifications sent meanwhile are lost.
 */
export class EventsRelay {
  readonly #origin = randomUUID();
  #client: pg.Client | undefined;
  #closed = false;
  readonly #unsubscribe: Array<() => void> = [];

  readonly #databaseUrl: string;
  readonly #events: EventBus;
  readonly #logger: Logger;

  constructor(databaseUrl: string, events: EventBus, logger: Logger) {
    this.#databaseUrl = databaseUrl;
    this.#events = events;
    this.#logger = logger;
  }

  async start(): Promise<void> {
    for (const event of RELAYED_EVENTS) {
      this.#unsubscribe.push(this.#events.on(event, (payload) => void this.#publish(event, payload)));
    }
    await this.#listen();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    await this.#client?.end().catch(() => undefined);
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#databaseUrl });
    client.on('notification', (message) => this.#receive(message.payload));
    client.on('error', (error) => this.#logger.warn({ err: error }, 'event relay connection lost'));
    client.on('end', () => {
      if (!this.#closed) setTimeout(() => void this.#reconnect(), 1_000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.#client = client;
  }

  async #reconnect(): Promise<void> {
    try {
      await this.#listen();
      this.#events.emit('content.changed', { articleIds: [], reason: 'resync', remote: true });
    } catch (error) {
      this.#logger.warn({ err: error }, 'event relay reconnect failed; retrying');
      if (!this.#closed) setTimeout(() => void this.#reconnect(), 2_000).unref();
    }
  }

  async #publish(event: keyof DomainEvents, payload: DomainEvents[keyof DomainEvents]): Promise<void> {
    if (('remote' in payload && payload.remote) || !this.#client) return;
    // NOTIFY payloads are limited to 8 kB; an empty id list means "anything may have changed".
    const compact = 'articleIds' in payload && payload.articleIds.length > 200 ? { ...payload, articleIds: [] } : payload;
    const envelope: Envelope = { origin: this.#origin, event, payload: compact };
    try {
      await this.#client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(envelope)]);
    } catch (error) {
      this.#logger.warn({ err: error, event }, 'could not relay event to other instances');
    }
  }

  #receive(raw: string | undefined): void {
    if (!raw) return;
    const envelope = JSON.parse(raw) as Envelope;
    if (envelope.origin === this.#origin || !RECEIVED_EVENTS.includes(envelope.event)) return;
    this.#events.emit(envelope.event, { ...envelope.payload, remote: true } as never);
  }
}
