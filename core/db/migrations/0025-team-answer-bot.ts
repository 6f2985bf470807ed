import type { QueryInterface } from 'sequelize';

/**
 * The answer bot, per team: when on, a new conversation routed to the team is first answered with help-center
 * articles that match the visitor's first message (see core/chat/answer-bot.ts); operators hear of it only
 * if the visitor still needs help. Off by default: a team opts in from /admin/teams.
 *
 * The conversation's side of it (`conversations.bot_outcome`) comes with the help-center events (0022).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE teams ADD COLUMN answer_bot boolean NOT NULL DEFAULT false');
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE teams DROP COLUMN answer_bot');
}
