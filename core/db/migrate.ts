import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Logger } from '../logger.ts';
import * as helpCenter from './migrations/0001-help-center.ts';
import * as searchLog from './migrations/0002-search-log.ts';
import * as accounts from './migrations/0003-accounts.ts';

/**
 * Migrations in order. Listed explicitly (not globbed) so they survive bundling and a missing file is a
 * type error rather than a silently skipped step.
 */
const migrations = [
  { name: '0001-help-center', ...helpCenter },
  { name: '0002-search-log', ...searchLog },
  { name: '0003-accounts', ...accounts },
];

/** Builds the migrator over the `migrations_meta` table (umzug's SequelizeStorage). */
export function createMigrator(sequelize: Sequelize, logger: Logger): Umzug<QueryInterface> {
  return new Umzug({
    migrations,
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
