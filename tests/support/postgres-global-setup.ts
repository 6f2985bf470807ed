import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../core/logger.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../core/db/embedded-postgres.ts';
import { createTemplateDatabase } from './test-databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL (any database) that tests create their own databases on. */
    postgresServerUrl: string;
    /** Name of a migrated, empty database that test databases are copied from. */
    templateDatabase: string;
  }
}

/**
 * One real PostgreSQL for the whole run: DATABASE_URL when set, otherwise the embedded one under
 * `.test-data/` (separate from the `.data/` of `npm start`). Migrations run once into a template database;
 * each test file then copies it, which takes milliseconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const logger = createLogger('warn', false);
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve('.test-data'), port: Number(process.env.TEST_POSTGRES_PORT ?? 54339), logger });
    serverUrl = embedded.url;
  }
  const templateDatabase = await createTemplateDatabase(serverUrl);
  project.provide('postgresServerUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);
  return async () => {
    await embedded?.stop();
  };
}
