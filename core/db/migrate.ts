import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Logger } from '../logger.ts';

type MigrationFn = (params: { context: QueryInterface }) => Promise<void>;

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Every `NNNN-name.ts` in migrations/, in name order; each exports `up` and `down`. */
function migrations() {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{4}-[\w-]+\.ts$/.test(file))
    .sort()
    .map((file) => {
      const load = () => import(pathToFileURL(path.join(migrationsDir, file)).href) as Promise<{ up: MigrationFn; down: MigrationFn }>;
      return {
        name: file.replace(/\.ts$/, ''),
        up: async (params: { context: QueryInterface }) => (await load()).up(params),
        down: async (params: { context: QueryInterface }) => (await load()).down(params),
      };
    });
}

/** Builds the migrator over the `migrations_meta` table (umzug's SequelizeStorage). */
export function createMigrator(sequelize: Sequelize, logger: Logger): Umzug<QueryInterface> {
  return new Umzug({
    migrations: migrations(),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'migrations_meta' }),
    logger: {
      info: (event) => logger.info(event, 'migration'),
      warn: (event) => logger.warn(event, 'migration'),
      error: (event) => logger.error(event, 'migration'),
      debug: (event) => logger.debug(event, 'migration'),
    },
  });
}

/**
 * Applies every pending migration. A transaction-scoped advisory lock (held by one pooled connection
 * while the migrations run on others) keeps two instances starting together from racing.
 */
export async function migrateToLatest(sequelize: Sequelize, logger: Logger): Promise<void> {
  const lockKey = 4_242_001;
  await sequelize.transaction(async (transaction) => {
    await sequelize.query('SELECT pg_advisory_xact_lock(:lockKey)', { replacements: { lockKey }, transaction });
    await createMigrator(sequelize, logger).up();
  });
}
