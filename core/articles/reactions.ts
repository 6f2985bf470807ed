import { QueryTypes, type Sequelize } from 'sequelize';

/** The three answers to "Did this answer your question?", as stored. */
export const REACTIONS = { sad: -1, neutral: 0, happy: 1 } as const;
export type Reaction = keyof typeof REACTIONS;

export interface ReactionCounts {
  sad: number;
  neutral: number;
  happy: number;
  total: number;
  /** Share of 😃 among all reactions, 0–100, or null without any. */
  happyPercent: number | null;
}

export class ReactionRefusedError extends Error {
  override name = 'ReactionRefusedError';
}

/**
 * Records a visitor's reaction to a published article; reacting again replaces their earlier reaction, so
 * each visitor counts once per article.
 */
export async function react(sequelize: Sequelize, articleId: number, visitorId: string, reaction: Reaction): Promise<ReactionCounts> {
  const [stored] = await sequelize.query<{ article_id: number }>(
    `INSERT INTO article_reactions (article_id, visitor_id, value)
       SELECT id, :visitorId, :value FROM articles WHERE id = :articleId AND status = 'published'
     ON CONFLICT (article_id, visitor_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
     RETURNING article_id`,
    { replacements: { articleId, visitorId, value: REACTIONS[reaction] }, type: QueryTypes.SELECT },
  );
  if (!stored) throw new ReactionRefusedError('No such article.');
  return (await reactionCounts(sequelize, [articleId])).get(articleId)!;
}

/** Counts per article (articles without reactions get zeros). */
export async function reactionCounts(sequelize: Sequelize, articleIds: number[]): Promise<Map<number, ReactionCounts>> {
  const rows = articleIds.length
    ? await sequelize.query<{ article_id: number; sad: number; neutral: number; happy: number }>(
        `SELECT article_id, count(*) FILTER (WHERE value = -1)::int AS sad, count(*) FILTER (WHERE value = 0)::int AS neutral,
                count(*) FILTER (WHERE value = 1)::int AS happy
           FROM article_reactions WHERE article_id IN (:articleIds) GROUP BY article_id`,
        { replacements: { articleIds }, type: QueryTypes.SELECT },
      )
    : [];
  const byId = new Map(rows.map((r) => [r.article_id, r]));
  return new Map(articleIds.map((id) => [id, countsOf(byId.get(id) ?? { sad: 0, neutral: 0, happy: 0 })]));
}

function countsOf({ sad, neutral, happy }: { sad: number; neutral: number; happy: number }): ReactionCounts {
  const total = sad + neutral + happy;
  return { sad, neutral, happy, total, happyPercent: total ? Math.round((happy / total) * 100) : null };
}
