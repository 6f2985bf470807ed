import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { REACTIONS } from '../articles/reactions.ts';
import type { ConversationOrigin } from '../models/index.ts';

/**
 * A new conversation's origin as the widget claims it, with the article reaction kept only when
 * `article_reactions` holds that very reaction by this visitor. The reaction decides routing (a 😞 goes to the
 * article's author) and the inbox shows it, so a client must not be able to claim one it never gave: without
 * it the conversation is an ordinary question about the article (its collection's team).
 */
export async function verifiedOrigin(sequelize: Sequelize, visitorId: string, origin: ConversationOrigin, transaction: Transaction): Promise<ConversationOrigin> {
  if (origin.kind !== 'article' || origin.reaction === undefined) return origin;
  const [stored] = await sequelize.query<{ value: number }>('SELECT value FROM article_reactions WHERE article_id = :articleId AND visitor_id = :visitorId', {
    replacements: { articleId: origin.articleId, visitorId },
    type: QueryTypes.SELECT,
    transaction,
  });
  if (stored?.value === REACTIONS[origin.reaction]) return origin;
  const { reaction: _unproven, ...question } = origin;
  return question;
}
