import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Sequelize } from 'sequelize';
import { createLogger } from '../../core/logger.ts';
import { migrateToLatest } from '../../core/db/migrate.ts';

const TEMPLATE = 'deflect_test_template';
const PREFIX = 'deflect_test_';

/** Replaces the database name in a postgres:// URL. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.href;
}

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops databases left by earlier runs, then builds a freshly migrated template. */
export async function createTemplateDatabase(serverUrl: string): Promise<string> {
  await admin(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${PREFIX}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${TEMPLATE}"`);
  });
  const sequelize = new Sequelize(withDatabase(serverUrl, TEMPLATE), { logging: false });
  await migrateToLatest(sequelize, createLogger('warn', false));
  await sequelize.close();
  return TEMPLATE;
}

/**
 * A new database copied from the migrated template (milliseconds), or empty when `template` is undefined —
 * as on a real first start, where migrations run on an already open pool.
 */
export async function createTestDatabase(serverUrl: string, template: string | undefined): Promise<string> {
  const name = `${PREFIX}${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return withDatabase(serverUrl, name);
}
