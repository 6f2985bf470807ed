import { Sequelize } from 'sequelize';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

/** An open connection pool and the function that releases everything it started. */
export interface Database {
  sequelize: Sequelize;
  /** Connection URL, for clients that need their own connection (LISTEN). */
  url: string;
  /** True when this process started its own PostgreSQL. */
  embedded: boolean;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL when it is not set. */
export async function connectDatabase(config: Config, logger: Logger): Promise<Database> {
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.EMBEDDED_POSTGRES_PORT, logger });
  const url = config.DATABASE_URL ?? embedded!.url;
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    logging: (sql) => logger.trace({ sql }),
    pool: { max: 10, min: 0, idle: 10_000 },
    define: { underscored: true },
  });
  try {
    await sequelize.authenticate();
  } catch (error) {
    await embedded?.stop();
    throw new Error(`cannot connect to PostgreSQL: ${(error as Error).message}`);
  }
  return {
    sequelize,
    url,
    embedded: Boolean(embedded),
    async close() {
      await sequelize.close();
      await embedded?.stop();
    },
  };
}
