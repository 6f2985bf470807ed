import { QueryTypes, type Sequelize } from 'sequelize';

/**
 * Memory a report query may use for each hash or sort. A year of help-center visitors (~250k groups) needs
 * ~20 MB to be hashed in one pass; at PostgreSQL's default 4 MB the aggregates spill to disk in batches and
 * take twice as long (see `npm run bench:reports:explain`). Set per query, so the rest of the app keeps the default.
 */
const REPORT_WORK_MEM = '64MB';

/** Runs one report SELECT (named replacements) in its own read-only transaction with REPORT_WORK_MEM. */
export function reportSelect<T extends object>(sequelize: Sequelize, sql: string, replacements: Record<string, unknown>): Promise<T[]> {
  return sequelize.transaction({ readOnly: true }, async (transaction) => {
    await sequelize.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`, { transaction });
    return sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction });
  });
}

/**
 * `AND <condition>` when the filter was given, nothing otherwise: each filter is written only into the queries
 * that are asked for it, so an unfiltered report needs no join that exists only to filter (the value itself
 * always travels as a replacement, never in the SQL text).
 */
export function andIf(filter: unknown, condition: string): string {
  return filter === undefined || filter === null ? '' : ` AND ${condition}`;
}
