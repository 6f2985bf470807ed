import type { QueryInterface } from 'sequelize';

/**
 * "Did this answer your question?" 😞 😐 😃: one reaction per visitor and article (a later click changes
 * it), so a visitor can't stack votes. The visitor is the signed visitor id the chat uses too.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE article_reactions (
      article_id integer NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      visitor_id uuid NOT NULL,
      value smallint NOT NULL CHECK (value IN (-1, 0, 1)),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (article_id, visitor_id)
    );
    CREATE INDEX article_reactions_by_time ON article_reactions (updated_at);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP TABLE article_reactions');
}
