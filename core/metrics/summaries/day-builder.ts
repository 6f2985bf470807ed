import type { Sequelize } from 'sequelize';
import { countRowsSql, memberRowsSql, valueRowsSql, type FactRange } from './fact-rows-sql.ts';

/**
 * A day is summarised only once it has been over for this long: a write that began just before midnight (when
 * its day was still today, so its trigger had nothing to forget) has committed by then.
 */
export const CLOSED_DAY_MARGIN = '1 hour';

/**
 * Summarises the given UTC days ('YYYY-MM-DD') that are closed and not summarised yet, all in one transaction
 * and one set-based statement per table, whatever their number. Returns the days it built.
 *
 * The exclusive advisory lock pairs with the shared one a writer's trigger takes before forgetting a closed
 * day (migration 0027): the rows read here include every write whose trigger already ran, and a write whose
 * trigger runs after waits for this commit and then forgets the day built here. Two reports asking for the
 * same days build them once: the second finds them in `report_days` after the first commits.
 */
export async function buildDays(sequelize: Sequelize, days: readonly string[]): Promise<string[]> {
  if (days.length === 0) return [];
  return sequelize.transaction(async (transaction) => {
    const run = <T>(sql: string, replacements: Record<string, unknown>) => sequelize.query(sql, { replacements, transaction }) as Promise<[T, unknown]>;
    await run(`SET LOCAL work_mem = '64MB'`, {});
    await run(`SELECT pg_advisory_xact_lock(hashtext('deflect.report_days'))`, {});
    const [inserted] = await run<Array<{ day: string }>>(
      `INSERT INTO report_days (day)
         SELECT d FROM unnest(:days::date[]) d WHERE d < utc_day(now() - interval '${CLOSED_DAY_MARGIN}')
       ON CONFLICT DO NOTHING RETURNING to_char(day, 'YYYY-MM-DD') AS day`,
      { days: `{${days.join(',')}}` },
    );
    const built = inserted.map((r) => r.day).sort();
    if (built.length === 0) return [];
    const replacements = { built: `{${built.join(',')}}`, buildFrom: `${built[0]}T00:00:00Z`, buildTo: nextDay(built.at(-1)!) };
    const range: FactRange = {
      inRange: (column) => `${column} >= :buildFrom::timestamptz AND ${column} < :buildTo::timestamptz AND utc_day(${column}) = ANY (:built::date[])`,
      bucket: (column) => `utc_day(${column})`,
    };
    // Numbers for new visitors first. Not ON CONFLICT: that would draw a number for every visitor already known,
    // and the numbers must stay dense (they size the bitsets). The lock keeps this free of races.
    await run(
      `INSERT INTO report_visitors (visitor_id)
         SELECT DISTINCT m.visitor_id FROM (${memberRowsSql(range)}) m
          WHERE m.visitor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_visitors r WHERE r.visitor_id = m.visitor_id)`,
      replacements,
    );
    await run(
      `INSERT INTO report_day_facts (day, kind, locale, team_id, subject_id, n, members)
         SELECT day, kind, locale, team_id, subject_id, count(*), string_agg(int4send(number), ''::bytea ORDER BY number)
           FROM (SELECT DISTINCT m.day, m.kind, m.locale, m.team_id, m.subject_id, COALESCE(r.number, m.conversation_id) AS number
                   FROM (${memberRowsSql(range)}) m LEFT JOIN report_visitors r ON r.visitor_id = m.visitor_id) members
          GROUP BY 1, 2, 3, 4, 5
         UNION ALL
         SELECT day, kind, locale, team_id, subject_id, n, NULL FROM (${countRowsSql(range)}) counts
         UNION ALL
         SELECT day, kind, locale, team_id, subject_id, n, members FROM (${valueRowsSql(range)}) vals`,
      replacements,
    );
    return built;
  });
}

/** The instant a UTC day ends ('2026-03-01' → '2026-03-02T00:00:00Z'). */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
}
