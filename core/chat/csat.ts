import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { recordWebhookEvent } from '../webhooks/index.ts';
import { ChatRefusedError } from './chat-errors.ts';
import { postMessage, type Posted } from './message-store.ts';

/** The three faces a visitor can pick, as the wire names them; stored as 1–3 so reports can average them. */
export const RATING_SCORES = { sad: 1, neutral: 2, happy: 3 } as const;
export type RatingScore = keyof typeof RATING_SCORES;
export const RATING_FACES: Record<RatingScore, string> = { sad: '😞', neutral: '😐', happy: '😃' };
export const MAX_RATING_COMMENT_LENGTH = 1_000;

/** A conversation's rating as clients receive it. */
export interface RatingView {
  conversationId: number;
  score: RatingScore;
  comment: string | null;
  /** The operator it counts for: the conversation's assignee when it was rated (null: nobody was assigned). */
  operatorId: number | null;
  ratedAt: string;
}

/** Counts of each face for one operator over a period (`operatorId` null: conversations nobody was assigned). */
export interface OperatorRatings {
  operatorId: number | null;
  operatorName: string | null;
  sad: number;
  neutral: number;
  happy: number;
}

type RatingRow = { conversation_id: number; score: number; comment: string | null; operator_id: number | null; updated_at: Date };

const scoreName = (score: number) => (Object.keys(RATING_SCORES) as RatingScore[]).find((name) => RATING_SCORES[name] === score)!;

function presentRating(row: RatingRow): RatingView {
  return { conversationId: row.conversation_id, score: scoreName(row.score), comment: row.comment, operatorId: row.operator_id, ratedAt: new Date(row.updated_at).toISOString() };
}

/**
 * The visitor rates their closed conversation. One rating per conversation: rating again replaces it. The
 * rating and its timeline event ("Visitor rated 😃: …", so operators see it live) commit together; the
 * conversation row stays locked meanwhile, so a reopen can't slip between the check and the write.
 */
export async function rateConversation(sequelize: Sequelize, visitorId: string, input: { conversationId: number; score: RatingScore; comment: string | null }): Promise<{ rating: RatingView } & Posted> {
  const { conversationId, score, comment } = input;
  return sequelize.transaction(async (transaction) => {
    const [conversation] = await sequelize.query<{ visitor_id: string; status: string; assignee_id: number | null }>(
      'SELECT visitor_id, status, assignee_id FROM conversations WHERE id = :conversationId FOR UPDATE',
      { replacements: { conversationId }, type: QueryTypes.SELECT, transaction },
    );
    if (!conversation || conversation.visitor_id !== visitorId) throw new ChatRefusedError('not_found', 'No such conversation.');
    if (conversation.status !== 'closed') throw new ChatRefusedError('invalid', 'Only a closed conversation can be rated.');
    const [row] = await sequelize.query<RatingRow>(
      `INSERT INTO conversation_ratings (conversation_id, visitor_id, operator_id, score, comment)
       VALUES (:conversationId, :visitorId, :operatorId, :score, :comment)
       ON CONFLICT (conversation_id) DO UPDATE SET operator_id = EXCLUDED.operator_id, score = EXCLUDED.score, comment = EXCLUDED.comment, updated_at = now()
       RETURNING conversation_id, score, comment, operator_id, updated_at`,
      { replacements: { conversationId, visitorId, operatorId: conversation.assignee_id, score: RATING_SCORES[score], comment }, type: QueryTypes.SELECT, transaction },
    );
    const body = `Visitor rated ${RATING_FACES[score]}${comment ? `: ${comment}` : ''}`;
    const posted = await postMessage(sequelize, { conversationId, visitorId, clientId: randomUUID(), sender: 'visitor', senderUserId: null, kind: 'event', body, event: { type: 'rated', score } }, transaction);
    const rating = presentRating(row!);
    // A 😞 is what teams route to their chat (Slack, Telegram): the webhook is queued with the rating itself.
    await recordWebhookEvent(sequelize, 'csat.rated', { conversationId, visitorId, score, comment, operatorId: rating.operatorId, ratedAt: rating.ratedAt }, transaction);
    return { ...posted, rating };
  });
}

/** The visitor's rating of their conversation, if they gave one. */
export async function visitorRating(sequelize: Sequelize, visitorId: string, conversationId: number): Promise<RatingView | null> {
  const [row] = await sequelize.query<RatingRow>(
    'SELECT conversation_id, score, comment, operator_id, updated_at FROM conversation_ratings WHERE conversation_id = :conversationId AND visitor_id = :visitorId',
    { replacements: { conversationId, visitorId }, type: QueryTypes.SELECT },
  );
  return row ? presentRating(row) : null;
}

/** For reports: how many of each face every operator got for ratings given in [from, to). */
export async function ratingsByOperator(sequelize: Sequelize, period: { from: Date; to: Date }): Promise<OperatorRatings[]> {
  const rows = await sequelize.query<{ operator_id: number | null; name: string | null; sad: number; neutral: number; happy: number }>(
    `SELECT r.operator_id, u.name,
            count(*) FILTER (WHERE r.score = 1)::int AS sad,
            count(*) FILTER (WHERE r.score = 2)::int AS neutral,
            count(*) FILTER (WHERE r.score = 3)::int AS happy
       FROM conversation_ratings r LEFT JOIN users u ON u.id = r.operator_id
      WHERE r.updated_at >= :from AND r.updated_at < :to
      GROUP BY r.operator_id, u.name
      ORDER BY u.name NULLS LAST`,
    { replacements: period, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ operatorId: r.operator_id, operatorName: r.name, sad: r.sad, neutral: r.neutral, happy: r.happy }));
}
