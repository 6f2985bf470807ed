import { rm } from 'node:fs/promises';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { createCore } from '../../core/app.ts';
import { loadConfig } from '../../core/config.ts';
import { startEmbeddedPostgres } from '../../core/db/embedded-postgres.ts';
import { createLogger } from '../../core/logger.ts';
import type { ReportQuery } from '../../core/metrics/index.ts';
import { freePort } from '../support/server-process.ts';
import { BENCH_END, generateReportData } from './support/report-data.ts';

/**
 * `npm run bench:reports`: a year with 100k conversations and 1M help-center events (generated in SQL), then
 * each report over the last 30 and 365 days, median of RUNS runs, against a baseline measured in the same run:
 * a plain count(*) of the period's events and conversations (the least any report over them must read).
 * Target: every report ≤ 300 ms. Each report is also timed once cold (day summaries deleted first, so that run
 * builds them: core/metrics/summaries/).
 *
 * Generating the year takes minutes. `BENCH_KEEP_DATA=1` keeps the cluster in `.bench-data/reports-postgres-kept`
 * and reuses it on the next run with that flag (generation is skipped when it already holds the year), so query
 * changes can be measured again in seconds; delete that folder to regenerate (e.g. after a migration changed).
 * `npm run bench:reports:explain` prints the plan of every report query on that kept year.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const logger = createLogger('warn', false);
const keepData = process.env.BENCH_KEEP_DATA === '1';
// Otherwise a fresh cluster each run (removed at the end): the generated year must not pile onto a previous one.
const dataDir = path.resolve(keepData ? '.bench-data/reports-postgres-kept' : `.bench-data/reports-postgres-${Date.now()}`);
const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), logger });
const core = await createCore(loadConfig({ DATABASE_URL: database.url, DATA_DIR: path.resolve('.bench-data/reports'), LOG_LEVEL: 'warn' }), logger, { mailWorker: false });
try {
  const [kept] = await core.sequelize.query<{ generated: boolean }>('SELECT EXISTS (SELECT 1 FROM help_center_events) AS generated', { type: QueryTypes.SELECT });
  if (kept!.generated) {
    console.log(`reusing the year generated in ${dataDir}`);
  } else {
    const started = performance.now();
    await generateReportData(core.sequelize);
    console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const median = async (run: () => Promise<unknown>) => {
    await run(); // warm-up: plans and caches
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  };
  const rows: Record<string, Record<string, number | string>> = {};
  for (const days of [30, 365]) {
    const query: ReportQuery = { from: new Date(BENCH_END.getTime() - days * 86_400_000), to: BENCH_END, timeZone: 'Europe/Berlin' };
    const baseline = await median(() =>
      core.sequelize.query(
        `SELECT (SELECT count(*) FROM help_center_events WHERE occurred_at >= :from AND occurred_at < :to) + (SELECT count(*) FROM conversations WHERE created_at >= :from AND created_at < :to) AS n`,
        { replacements: { from: query.from, to: query.to }, type: QueryTypes.SELECT },
      ),
    );
    for (const [name, report] of [['helpCenter', core.metrics.helpCenter], ['funnel', core.metrics.funnel], ['chat', core.metrics.chat]] as const) {
      // Cold: no day summarised yet, so this run builds the period's days (as the first report after a deploy,
      // or after an import that touched every day, would). Warm: the summaries exist; only the edges are raw.
      await core.sequelize.query('DELETE FROM report_days');
      const coldStarted = performance.now();
      await report(query);
      const cold = performance.now() - coldStarted;
      const ms = await median(() => report(query));
      rows[`${name}, ${days} days`] = {
        'cold ms': Math.round(cold),
        'warm median ms': Math.round(ms),
        'baseline ms': Math.round(baseline),
        'warm x baseline': +(ms / baseline).toFixed(2),
        'warm ≤ 300 ms': ms <= 300 ? 'yes' : 'NO',
      };
    }
  }
  const [load] = (await import('node:os')).loadavg();
  console.log(`\nReports over 100k conversations and 1M help-center events, warm: median of ${RUNS} runs; cold: one run building every day summary of the period (baseline: count(*) of the period's events + conversations; load average ${load!.toFixed(2)})\n`);
  console.table(rows);
} finally {
  await core.close();
  await database.stop();
  if (!keepData) await rm(dataDir, { recursive: true, force: true });
}
