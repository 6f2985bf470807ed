import os from 'node:os';
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { inject } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../core/app.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { createTestDatabase } from './test-databases.ts';

/**
 * A fresh database and data folder for one test file, and the environment that points at them. With
 * `FRESH_DATABASE: 'true'` the database is empty, so the process under test migrates it like a first start.
 */
export async function createTestEnvironment(overrides: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const databaseUrl = await createTestDatabase(inject('postgresServerUrl'), overrides.FRESH_DATABASE === 'true' ? undefined : inject('templateDatabase'));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'deflect-test-'));
  return { NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...overrides };
}

/** The real domain layer on a fresh database. Close it in afterAll. */
export async function createTestCore(overrides: NodeJS.ProcessEnv = {}, options: CoreOptions = {}): Promise<Core> {
  const config = loadConfig(await createTestEnvironment(overrides));
  return createCore(config, createLogger('warn', false), options);
}
