import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { createCore } from '../../core/app.ts';
import { loadConfig } from '../../core/config.ts';
import { startEmbeddedPostgres } from '../../core/db/embedded-postgres.ts';
import { createLogger } from '../../core/logger.ts';
import { freePort } from '../support/server-process.ts';
import { BENCH_END } from './support/report-data.ts';

/**
 * `npm run bench:reports:explain [helpCenter|funnel|chat] [30|365]`: prints EXPLAIN (ANALYZE, BUFFERS) of every
 * query the reports send, on the year kept by `BENCH_KEEP_DATA=1 npm run bench:reports` (run that first). The
 * SQL is captured from Sequelize's log with its replacements filled in, so the plans are of the real queries.
 */
const [only, daysArg] = process.argv.slice(2);
const logger = createLogger('warn', false);
const database = await startEmbeddedPostgres({ dataDir: path.resolve('.bench-data/reports-postgres-kept'), port: await freePort(), logger });
const core = await createCore(loadConfig({ DATABASE_URL: database.url, DATA_DIR: path.resolve('.bench-data/reports'), LOG_LEVEL: 'warn' }), logger, { mailWorker: false });
// Sequelize's runtime options (typed only as constructor input): switching `logging` captures the SQL sent.
const options = (core.sequelize as unknown as { options: { logging: false | ((sql: string) => void) } }).options;
try {
  for (const days of daysArg ? [Number(daysArg)] : [30, 365]) {
    const query = { from: new Date(BENCH_END.getTime() - days * 86_400_000), to: BENCH_END, timeZone: 'Europe/Berlin' };
    for (const [name, report] of [['helpCenter', core.metrics.helpCenter], ['funnel', core.metrics.funnel], ['chat', core.metrics.chat]] as const) {
      if (only && only !== name) continue;
      const sent: string[] = [];
      options.logging = (sql) => sent.push(sql.replace(/^Executing \([^)]*\): /, ''));
      await report(query);
      options.logging = false;
      // Each report query runs in a transaction with its own work_mem: the plans are taken with the same setting.
      const setting = sent.find((sql) => sql.startsWith('SET LOCAL'));
      for (const sql of sent.filter((statement) => /^(SELECT|WITH)\b/.test(statement))) {
        const plan = await core.sequelize.transaction(async (transaction) => {
          if (setting) await core.sequelize.query(setting, { transaction });
          return core.sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, { type: QueryTypes.SELECT, transaction });
        });
        console.log(`\n=== ${name}, ${days} days\n${sql}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
      }
    }
  }
} finally {
  await core.close();
  await database.stop();
}
