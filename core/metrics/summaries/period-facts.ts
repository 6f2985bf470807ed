import { QueryTypes, Transaction, type Sequelize } from 'sequelize';
import { TypedFastBitSet } from 'typedfastbitset';
import type { ValidReportQuery } from '../report-query.ts';
import { buildDays } from './day-builder.ts';
import { countRowsSql, memberRowsSql, valueRowsSql, type FactRange } from './fact-rows-sql.ts';
import { LOCALE_KINDS, TEAM_KINDS, type CountKind, type FactKind, type SetKind, type ValueKind } from './fact-kinds.ts';
import { rawSpans, wholeUtcDays } from './period-days.ts';

/** The facts of one report's period, filtered by its locale and team. */
export interface PeriodFacts {
  /** Everyone (or every conversation) in the fact over the period: the union of its days and raw spans. */
  members(kind: SetKind): TypedFastBitSet;
  /** The same, per subject (the operator, for `handled`). */
  membersBySubject(kind: SetKind): Map<number, TypedFastBitSet>;
  count(kind: CountKind): number;
  /** The count per subject (the article, for `led_to_chat`). */
  countsBySubject(kind: CountKind): Map<number, number>;
  /** The values of a value fact, per team. */
  valuesByTeam(kind: ValueKind): Map<number, Float64Array>;
}

interface FactKey {
  kind: FactKind;
  subject_id: number;
}

/**
 * Reads the facts a report needs for [from, to): the whole UTC days come from their summaries (built first if
 * missing), the rest — the partial days at each end, today, a day forgotten since — from the raw rows. Both
 * are read in one REPEATABLE READ snapshot, so a day forgotten meanwhile is read raw, never lost or doubled.
 */
export async function periodFacts(sequelize: Sequelize, query: ValidReportQuery, wanted: Wanted): Promise<PeriodFacts> {
  const days = wholeUtcDays(query.from, query.to);
  await buildDays(sequelize, await missingDays(sequelize, days));
  return sequelize.transaction({ readOnly: true, isolationLevel: Transaction.ISOLATION_LEVELS.REPEATABLE_READ }, async (transaction) => {
    const select: Select = (sql, replacements) =>
      sequelize.query(sql, { replacements: { ...replacements, locale: query.locale, teamId: query.teamId }, type: QueryTypes.SELECT, transaction });
    await sequelize.query(`SET LOCAL work_mem = '64MB'`, { transaction });
    const summarised = { first: days[0] ?? '1970-01-01', end: days.at(-1) ?? '1970-01-01' };
    const covered = (await select<{ day: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM report_days WHERE day BETWEEN :first AND :end ORDER BY day`, summarised)).map((r) => r.day);
    const spans = rawSpans(query.from, query.to, covered);
    const raw: FactRange = {
      inRange: (column) => (spans.length ? `(${spans.map((_, i) => `${column} >= :spanFrom${i} AND ${column} < :spanTo${i}`).join(' OR ')})` : 'false'),
      bucket: () => 'NULL::date',
    };
    const { sets: setKinds = [], counts: countKinds = [], values: valueKinds = [] } = wanted;
    const spanReplacements = Object.fromEntries(spans.flatMap((span, i) => [[`spanFrom${i}`, span.from], [`spanTo${i}`, span.to]]));
    const read: Read = { select, raw, where: filters(query), replacements: { ...summarised, ...spanReplacements, setKinds, countKinds, valueKinds } };
    // One after the other: they share the transaction's connection (and its snapshot).
    const sets = setKinds.length ? await readSets(read, query) : new Map<string, TypedFastBitSet>();
    const counts = countKinds.length ? await readCounts(read) : [];
    const values = valueKinds.length ? await readValues(read) : [];
    return factsOf(sets, counts, values);
  });
}

type Wanted = { sets?: SetKind[]; counts?: CountKind[]; values?: ValueKind[] };
type Select = <T extends object>(sql: string, replacements: Record<string, unknown>) => Promise<T[]>;
/** What each read needs: the snapshot's select, the raw spans, the filters and the replacements for both. */
interface Read {
  select: Select;
  raw: FactRange;
  where: string;
  replacements: Record<string, unknown>;
}

/** The set facts, per kind and subject: the days' members, then the raw spans' members, in bitsets. */
async function readSets({ select, raw, where, replacements }: Read, query: ValidReportQuery): Promise<Map<string, TypedFastBitSet>> {
  const sets = new Map<string, TypedFastBitSet>();
  const setOf = (key: FactKey) => sets.get(`${key.kind}:${key.subject_id}`) ?? sets.set(`${key.kind}:${key.subject_id}`, new TypedFastBitSet()).get(`${key.kind}:${key.subject_id}`)!;
  const dayRows = await select<FactKey & { members: Buffer }>(`SELECT kind, subject_id, members FROM report_day_facts WHERE day BETWEEN :first AND :end AND kind IN (:setKinds)${where}`, replacements);
  for (const row of dayRows) addMembers(setOf(row), row.members);
  const rawRows = await select<FactKey & { number: number | null; visitor: string | null }>(
    `SELECT DISTINCT m.kind, m.subject_id, COALESCE(r.number, m.conversation_id) AS number, CASE WHEN r.number IS NULL THEN m.visitor_id::text END AS visitor
       FROM (${memberRowsSql(raw)}) m LEFT JOIN report_visitors r ON r.visitor_id = m.visitor_id
      WHERE m.kind IN (:setKinds)${filters(query, 'm.')}`,
    replacements,
  );
  // Visitors no summary has numbered yet are in no day's set: numbers past the last one stand for them here.
  const unnumbered = new Map<string, number>();
  const [{ last }] = (await select<{ last: number }>('SELECT COALESCE(max(number), 0) AS last FROM report_visitors', {})) as [{ last: number }];
  for (const row of rawRows) {
    const number = row.number ?? unnumbered.get(row.visitor!) ?? unnumbered.set(row.visitor!, last + 1 + unnumbered.size).get(row.visitor!)!;
    setOf(row).add(number);
  }
  return sets;
}

/** The count facts summed per kind and subject over the days and the raw spans. */
function readCounts({ select, raw, where, replacements }: Read): Promise<Array<FactKey & { n: number }>> {
  return select(
    `SELECT kind, subject_id, sum(n)::int AS n FROM (
       SELECT kind, locale, team_id, subject_id, n FROM report_day_facts WHERE day BETWEEN :first AND :end AND kind IN (:countKinds)
       UNION ALL
       SELECT kind, locale, team_id, subject_id, n FROM (${countRowsSql(raw)}) c WHERE kind IN (:countKinds)
     ) f WHERE true${where} GROUP BY kind, subject_id`,
    replacements,
  );
}

/** The value facts' packed values, one row per day (or raw span) and team. */
function readValues({ select, raw, where, replacements }: Read): Promise<ValueRow[]> {
  return select(
    `SELECT kind, team_id, members FROM report_day_facts WHERE day BETWEEN :first AND :end AND kind IN (:valueKinds)${where}
     UNION ALL
     SELECT kind, team_id, members FROM (${valueRowsSql(raw)}) v WHERE kind IN (:valueKinds)${where}`,
    replacements,
  );
}

type ValueRow = { kind: ValueKind; team_id: number; members: Buffer };

/** The whole days of the period that are not summarised (the builder skips those not closed yet). */
async function missingDays(sequelize: Sequelize, days: string[]): Promise<string[]> {
  if (days.length === 0) return [];
  const rows = await sequelize.query<{ day: string }>(
    `SELECT to_char(d, 'YYYY-MM-DD') AS day FROM unnest(:days::date[]) d WHERE NOT EXISTS (SELECT 1 FROM report_days r WHERE r.day = d)`,
    { replacements: { days: `{${days.join(',')}}` }, type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.day);
}

/** The report's locale and team filters, each on the kinds keyed by it. */
function filters(query: ValidReportQuery, alias = ''): string {
  const inList = (kinds: ReadonlySet<FactKind>) => [...kinds].map((k) => `'${k}'`).join(', ');
  const locale = query.locale === undefined ? '' : ` AND (${alias}kind NOT IN (${inList(LOCALE_KINDS)}) OR ${alias}locale = :locale)`;
  const team = query.teamId === undefined ? '' : ` AND (${alias}kind NOT IN (${inList(TEAM_KINDS)}) OR ${alias}team_id = :teamId)`;
  return locale + team;
}

/** Adds a summary's members (sorted big-endian int4s, as `int4send` writes them) to a bitset. */
function addMembers(set: TypedFastBitSet, members: Buffer): void {
  for (let offset = 0; offset < members.length; offset += 4) set.add(members.readInt32BE(offset));
}

/** Each team's values of each kind, the days' float8s concatenated in one array. */
function valuesOf(rows: ValueRow[]): Map<string, Map<number, Float64Array>> {
  const lengths = new Map<string, number>();
  const key = (row: { kind: string; team_id: number }) => `${row.kind}:${row.team_id}`;
  for (const row of rows) lengths.set(key(row), (lengths.get(key(row)) ?? 0) + row.members.length / 8);
  const arrays = new Map([...lengths].map(([k, n]) => [k, { values: new Float64Array(n), filled: 0 }]));
  for (const row of rows) {
    const target = arrays.get(key(row))!;
    for (let offset = 0; offset < row.members.length; offset += 8) target.values[target.filled++] = row.members.readDoubleBE(offset);
  }
  const byKind = new Map<string, Map<number, Float64Array>>();
  for (const [k, { values }] of arrays) {
    const [kind, team] = k.split(':') as [string, string];
    (byKind.get(kind) ?? byKind.set(kind, new Map()).get(kind)!).set(Number(team), values);
  }
  return byKind;
}

function factsOf(sets: Map<string, TypedFastBitSet>, counts: Array<FactKey & { n: number }>, valueRows: ValueRow[]): PeriodFacts {
  const values = valuesOf(valueRows);
  const bySubject = <T>(map: Map<string, T>, kind: string) =>
    new Map([...map].filter(([key]) => key.startsWith(`${kind}:`)).map(([key, value]) => [Number(key.slice(kind.length + 1)), value]));
  const countMap = new Map(counts.map((c) => [`${c.kind}:${c.subject_id}`, c.n]));
  return {
    members: (kind) => [...bySubject(sets, kind).values()].reduce((all, set) => all.union(set), new TypedFastBitSet()),
    membersBySubject: (kind) => bySubject(sets, kind),
    count: (kind) => [...bySubject(countMap, kind).values()].reduce((sum, n) => sum + n, 0),
    countsBySubject: (kind) => bySubject(countMap, kind),
    valuesByTeam: (kind) => values.get(kind) ?? new Map(),
  };
}
