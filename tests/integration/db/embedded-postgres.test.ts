import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../../core/db/embedded-postgres.ts';
import { createLogger } from '../../../core/logger.ts';

// Inside the project (not /tmp): as root, Postgres runs as an unprivileged user that must reach the folder.
const dataDir = path.resolve('.test-data', 'embedded-restart');

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('leaves process exit and signals to us (its beforeExit hook would turn a failing exit code into 0)', async () => {
    const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM'] as const;
    const counts = () => events.map((event) => process.listenerCount(event));
    const logger = createLogger('warn', false);
    const before = counts();
    const cluster = await startEmbeddedPostgres({ dataDir: path.resolve('.test-data', 'embedded-hooks'), port: 54358, logger });
    await cluster.stop();
    expect(counts()).toEqual(before);
    await rm(path.resolve('.test-data', 'embedded-hooks'), { recursive: true, force: true });
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('initialises on first start and keeps the data for the next start', async () => {
    await rm(dataDir, { recursive: true, force: true });
    const logger = createLogger('warn', false);
    const first = await startEmbeddedPostgres({ dataDir, port: 54359, logger });
    await query(first.url, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('kept')");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port: 54359, logger });
    try {
      const { rows } = await query(second.url, 'SELECT text FROM notes');
      expect(rows).toEqual([{ text: 'kept' }]);
    } finally {
      await second.stop();
    }
  });
});
