import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Meilisearch HTTP server for unit tests: the real `meilisearch` client talks to it over HTTP, so
 * the adapter is tested through the actual request paths and bodies. It records every request, keeps
 * indexes and documents in memory, answers writes with enqueued task summaries (processed at once, or
 * failed on demand) and searches with canned hits.
 */

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/indexes/deflect_articles_ru/documents`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, undefined when there was none. */
  body: unknown;
  /** True when the fake cut the connection instead of answering (see `dropConnections`). */
  dropped: boolean;
}

/** Meilisearch's error object, in API responses and in failed tasks. */
export interface MeiliErrorBody {
  message: string;
  code: string;
  type: string;
  link: string;
}

export interface FakeTask {
  uid: number;
  indexUid: string | null;
  type: string;
  status: 'succeeded' | 'failed';
  error: MeiliErrorBody | null;
  enqueuedAt: string;
}

type Document = Record<string, unknown>;
type Reply = { status: number; body?: unknown };

export function meiliError(code: string, message: string, type = 'invalid_request'): MeiliErrorBody {
  return { message, code, type, link: `https://docs.meilisearch.com/errors#${code}` };
}

export class FakeMeilisearch {
  readonly requests: RecordedRequest[] = [];
  /** Index uid → documents by id. */
  readonly indexes = new Map<string, Map<string, Document>>();
  readonly tasks = new Map<number, FakeTask>();
  /** Decides which write tasks fail (the write then has no effect), like Meilisearch reports them. */
  failTask: ((task: { type: string; indexUid: string | null; body: unknown }) => MeiliErrorBody | undefined) | undefined;
  /** Hits returned by every search (with `_formatted` and `_rankingScore` as the test wants them). */
  searchHits: Document[] = [];
  estimatedTotalHits: number | undefined;
  /** The next N requests get their connection destroyed without an answer (server crash, network cut). */
  dropConnections = 0;
  /** Answers a request instead of the simulated API when it returns a reply (e.g. a 400 API error). */
  override: ((request: RecordedRequest) => Reply | undefined) | undefined;

  readonly #server: http.Server;
  #nextTaskUid = 0;

  private constructor(server: http.Server) {
    this.#server = server;
  }

  /** Starts a fake on a free port of 127.0.0.1. */
  static async start(): Promise<FakeMeilisearch> {
    const server = http.createServer();
    const fake = new FakeMeilisearch(server);
    server.on('request', (req, res) => void fake.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Creates an index holding these documents, as a previous run would have left it. */
  addIndex(uid: string, documents: Document[] = []): void {
    this.indexes.set(uid, new Map(documents.map((document) => [String(document['id']), document])));
  }

  /** Recorded requests with this method whose path matches. */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      dropped: this.dropConnections > 0,
    };
    this.requests.push(request);
    if (request.dropped) {
      this.dropConnections--;
      req.socket.destroy();
      return;
    }
    const reply = this.override?.(request) ?? this.#route(request);
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }

  #route({ method, path, query, body }: RecordedRequest): Reply {
    const parts = path.split('/').filter(Boolean);
    const [root, uid, sub, action] = parts;
    if (method === 'GET' && path === '/health') return { status: 200, body: { status: 'available' } };
    if (method === 'GET' && path === '/indexes') {
      const results = [...this.indexes.keys()].map((name) => ({ uid: name, primaryKey: 'id', createdAt: '', updatedAt: '' }));
      return { status: 200, body: { results, offset: 0, limit: Number(query['limit'] ?? 20), total: results.length } };
    }
    if (method === 'GET' && root === 'tasks' && uid !== undefined) {
      const task = this.tasks.get(Number(uid));
      if (!task) return { status: 404, body: meiliError('task_not_found', `Task \`${uid}\` not found.`) };
      return { status: 200, body: { ...task, batchUid: task.uid, canceledBy: null, details: {}, duration: 'PT0S', startedAt: task.enqueuedAt, finishedAt: task.enqueuedAt } };
    }
    if (method === 'POST' && path === '/swap-indexes') return this.#enqueue('indexSwap', null, body, () => this.#swap(body));
    if (root !== 'indexes' || uid === undefined) return { status: 404, body: meiliError('not_found', `Unknown route ${method} ${path}`) };

    if (method === 'POST' && sub === 'search') {
      if (!this.indexes.has(uid)) return { status: 404, body: meiliError('index_not_found', `Index \`${uid}\` not found.`) };
      const params = body as { q?: string; limit?: number; offset?: number };
      return {
        status: 200,
        body: { hits: this.searchHits, query: params.q ?? '', processingTimeMs: 1, limit: params.limit ?? 20, offset: params.offset ?? 0, estimatedTotalHits: this.estimatedTotalHits ?? this.searchHits.length },
      };
    }
    if (method === 'PATCH' && sub === 'settings') return this.#enqueue('settingsUpdate', uid, body, () => void this.#index(uid));
    if ((method === 'POST' || method === 'PUT') && sub === 'documents' && action === undefined) {
      return this.#enqueue('documentAdditionOrUpdate', uid, body, () => {
        const documents = this.#index(uid);
        for (const document of body as Document[]) documents.set(String(document['id']), document);
      });
    }
    if (method === 'POST' && sub === 'documents' && action === 'delete-batch') {
      return this.#enqueue('documentDeletion', uid, body, () => {
        const documents = this.#existing(uid);
        for (const id of body as unknown[]) documents.delete(String(id));
      });
    }
    if (method === 'DELETE' && sub === undefined) {
      return this.#enqueue('indexDeletion', uid, body, () => {
        this.#existing(uid);
        this.indexes.delete(uid);
      });
    }
    return { status: 404, body: meiliError('not_found', `Unknown route ${method} ${path}`) };
  }

  /** Meilisearch answers 202 with a task summary; the effect happens when the task is processed (here: now). */
  #enqueue(type: string, indexUid: string | null, body: unknown, apply: () => void): Reply {
    const uid = this.#nextTaskUid++;
    const enqueuedAt = new Date().toISOString();
    let error = this.failTask?.({ type, indexUid, body }) ?? null;
    if (!error) {
      try {
        apply();
      } catch (failure) {
        error = failure as MeiliErrorBody;
      }
    }
    this.tasks.set(uid, { uid, indexUid, type, status: error ? 'failed' : 'succeeded', error, enqueuedAt });
    return { status: 202, body: { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt } };
  }

  /** Writes create their index on demand, as Meilisearch does. */
  #index(uid: string): Map<string, Document> {
    const existing = this.indexes.get(uid);
    if (existing) return existing;
    const created = new Map<string, Document>();
    this.indexes.set(uid, created);
    return created;
  }

  #existing(uid: string): Map<string, Document> {
    const index = this.indexes.get(uid);
    if (!index) throw meiliError('index_not_found', `Index \`${uid}\` not found.`);
    return index;
  }

  #swap(body: unknown): void {
    const swaps = body as Array<{ indexes: [string, string] }>;
    // All or nothing, like Meilisearch: every index must exist before anything is swapped.
    const pairs = swaps.map(({ indexes }) => [indexes, this.#existing(indexes[0]), this.#existing(indexes[1])] as const);
    for (const [[first, second], a, b] of pairs) {
      this.indexes.set(first, b);
      this.indexes.set(second, a);
    }
  }
}
