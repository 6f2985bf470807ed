import type { DayCount, HeatmapCell } from './chat-report.ts';

type Select = <T extends object>(sql: string) => Promise<T[]>;

/**
 * Conversations of the period per day and per weekday × hour, in the report's zone, from one scan: they are
 * counted per local hour first (a year is ~8,800 hours), and only those hours are formatted and summed into
 * days and heatmap cells. Formatting every conversation's day (to_char per row) cost more than the scan itself.
 * `team` is the team condition (`AND …`, or nothing).
 */
export async function conversationVolume(select: Select, team: string): Promise<{ conversations: number; byDay: DayCount[]; heatmap: HeatmapCell[] }> {
  const rows = await select<{ day: string | null; weekday: number | null; hour: number | null; conversations: number }>(
    `WITH by_hour AS (
       SELECT date_trunc('hour', c.created_at AT TIME ZONE :timeZone) AS local_hour, count(*) AS n
         FROM conversations c WHERE c.created_at >= :from AND c.created_at < :to${team} GROUP BY 1
     )
     SELECT to_char(local_hour, 'YYYY-MM-DD') AS day, extract(isodow FROM local_hour)::int AS weekday, extract(hour FROM local_hour)::int AS hour, sum(n)::int AS conversations
       FROM by_hour GROUP BY GROUPING SETS ((to_char(local_hour, 'YYYY-MM-DD')), (extract(isodow FROM local_hour)::int, extract(hour FROM local_hour)::int))
      ORDER BY 1, 2, 3`,
  );
  const byDay = rows.filter((r) => r.day !== null).map((r) => ({ day: r.day!, conversations: r.conversations }));
  const heatmap = rows.filter((r) => r.day === null).map((r) => ({ weekday: r.weekday!, hour: r.hour!, conversations: r.conversations }));
  return { conversations: byDay.reduce((sum, d) => sum + d.conversations, 0), byDay, heatmap };
}
