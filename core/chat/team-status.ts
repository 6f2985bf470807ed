import { QueryTypes, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { openState, openStretchesBetween } from '../hours/index.ts';
import { Collection, type Team } from '../models/index.ts';
import { collectionOfPage, teamOfCollection, whereabouts } from './routing.ts';

/** The window the expected reply time is measured over. */
const REPLY_WINDOW_MS = 7 * 86_400_000;

/** `team:status`: where the visitor is — a page path, a collection (by slug, optionally in a language), or an article. */
export const teamStatusSchema = z.object({
  page: z.string().max(500).optional(),
  collectionSlug: z.string().max(200).optional(),
  locale: z.string().max(8).optional(),
  articleId: z.number().int().positive().optional(),
});
export type TeamStatusQuery = z.infer<typeof teamStatusSchema>;

/** What the widget shows before a visitor writes: who answers, whether they are there, how fast they reply. */
export interface TeamStatusView {
  team: { id: number; name: string };
  open: boolean;
  /** Open, and an operator of the team is online (or was within its grace minutes): false → ask for an email. */
  staffed: boolean;
  opensAt: string | null;
  closesAt: string | null;
  /** Median first reply over the last 7 days, in seconds; null without any reply to measure. */
  expectedReplySeconds: number | null;
  /** How many first replies the median is made of (the widget words it only from a few). */
  replies: number;
}

async function collectionOf(query: TeamStatusQuery): Promise<number | null> {
  if (query.articleId) return (await whereabouts({ kind: 'article', articleId: query.articleId })).collectionId;
  if (query.collectionSlug) {
    const collection = await Collection.findOne({ attributes: ['id'], where: { slug: query.collectionSlug, ...(query.locale ? { locale: query.locale } : {}) }, order: [['id', 'ASC']] });
    return collection?.id ?? null;
  }
  return collectionOfPage(query.page);
}

/** The team answering where the visitor is, at instant `at` (the clock is injected, for tests and replays). */
export async function teamStatus(sequelize: Sequelize, query: TeamStatusQuery, at: Date): Promise<TeamStatusView> {
  const team = await teamOfCollection(sequelize, await collectionOf(query));
  const state = team.schedule ? openState(team.schedule, at) : ({ open: true, closesAt: null } as const);
  const { median, replies } = await firstReplyMedian(sequelize, team, at);
  return {
    team: { id: team.id, name: team.name },
    open: state.open,
    staffed: state.open && (await isStaffed(sequelize, team, at)),
    opensAt: !state.open && state.opensAt ? state.opensAt.toISOString() : null,
    closesAt: state.open && state.closesAt ? state.closesAt.toISOString() : null,
    expectedReplySeconds: median === null ? null : Math.round(median),
    replies,
  };
}

/**
 * An active member is online, or their presence changed within the team's grace minutes (someone who just
 * went away may well be back: a reload, a short break). Presence keeps only its latest change, so a member
 * who was already away and then signed out also counts for those minutes.
 */
async function isStaffed(sequelize: Sequelize, team: Team, at: Date): Promise<boolean> {
  const [row] = await sequelize.query<{ staffed: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM team_members m JOIN users u ON u.id = m.user_id
        WHERE m.team_id = :teamId AND u.deactivated_at IS NULL AND u.roles && ARRAY['operator', 'admin']::varchar(16)[]
          AND (u.presence = 'online' OR u.presence_changed_at > :at::timestamptz - make_interval(mins => :grace))) AS staffed`,
    { replacements: { teamId: team.id, at, grace: team.staffedGraceMinutes }, type: QueryTypes.SELECT },
  );
  return row!.staffed;
}

/**
 * The median time from a visitor's first message (or, after the answer bot, their asking for a person) to the
 * team's first text reply, over the team's conversations of the last 7 days — counting only questions asked
 * while the team was open (a question sent at night waits for the morning: that says nothing about how fast
 * the team answers). The open stretches come from the one clock (`core/hours`); the median is PostgreSQL's
 * `percentile_cont`.
 */
async function firstReplyMedian(sequelize: Sequelize, team: Team, at: Date): Promise<{ median: number | null; replies: number }> {
  const from = new Date(at.getTime() - REPLY_WINDOW_MS);
  const stretches = team.schedule ? openStretchesBetween(team.schedule, from, at) : [{ start: from.getTime(), end: at.getTime() }];
  if (stretches.length === 0) return { median: null, replies: 0 };
  const [row] = await sequelize.query<{ median: number | null; replies: number }>(
    `WITH open_hours AS (
       SELECT tstzrange(to_timestamp((s->>'start')::double precision / 1000), to_timestamp((s->>'end')::double precision / 1000)) AS hours
         FROM jsonb_array_elements(:stretches::jsonb) s
     ), asked AS (
       -- A conversation the answer bot held counts from when the visitor asked for a person.
       SELECT c.id, COALESCE((SELECT min(e.created_at) FROM messages e WHERE e.conversation_id = c.id AND e.kind = 'event' AND e.event->>'type' = 'bot_escalated'), min(m.created_at)) AS at
         FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.sender = 'visitor' AND m.kind = 'text'
        WHERE c.team_id = :teamId AND c.created_at >= :from AND c.created_at < :at GROUP BY c.id
     ), answered AS (
       SELECT a.at AS asked, (SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = a.id AND m.sender = 'agent' AND m.kind = 'text' AND m.created_at >= a.at) AS replied
         FROM asked a WHERE EXISTS (SELECT 1 FROM open_hours o WHERE o.hours @> a.at)
     )
     SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM replied - asked)) AS median, count(*)::int AS replies
       FROM answered WHERE replied IS NOT NULL AND replied <= :at`,
    { replacements: { stretches: JSON.stringify(stretches), teamId: team.id, from, at }, type: QueryTypes.SELECT },
  );
  return { median: row!.median === null ? null : Number(row!.median), replies: row!.replies };
}
