import { loadConfig } from '../../../core/config.ts';
import { connectDatabase } from '../../../core/db/connect.ts';
import { migrateToLatest } from '../../../core/db/migrate.ts';
import { createLogger } from '../../../core/logger.ts';
import { runCli } from './run-cli.ts';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
await runCli(async () => {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await connectDatabase(config, logger);
  try {
    await migrateToLatest(database.sequelize, logger);
    logger.info('database is up to date');
  } finally {
    await database.close();
  }
});
