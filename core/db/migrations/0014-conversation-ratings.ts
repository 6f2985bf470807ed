import type { QueryInterface } from 'sequelize';

/**
 * "How was the conversation?" 😞 😐 😃 after an operator closes it: one rating per conversation (a later one
 * replaces it), with the operator it counts for — the conversation's assignee when it was rated, i.e. at
 * close time — so reports can say how each operator's conversations went.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE conversation_ratings (
      conversation_id integer PRIMARY KEY REFERENCES conversations (id),
      visitor_id uuid NOT NULL,
      operator_id integer REFERENCES users (id) ON DELETE SET NULL,
      score smallint NOT NULL CHECK (score IN (1, 2, 3)),
      comment varchar(1000),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX conversation_ratings_by_operator ON conversation_ratings (operator_id, updated_at);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP TABLE conversation_ratings');
}
