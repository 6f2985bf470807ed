import type { QueryInterface } from 'sequelize';

/**
 * Settled searches of help-center visitors: one row per search episode of an anonymous session (the
 * query they ended on, how many results it had, what they clicked). No IP address or user agent is kept.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE search_queries (
      id bigserial PRIMARY KEY,
      session_id uuid NOT NULL,
      locale varchar(8) NOT NULL REFERENCES locales (code),
      query varchar(200) NOT NULL,
      result_count integer NOT NULL CHECK (result_count >= 0),
      clicked_article_id integer REFERENCES articles (id) ON DELETE SET NULL,
      clicked_position integer CHECK (clicked_position > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX search_queries_session ON search_queries (session_id, updated_at DESC);
    CREATE INDEX search_queries_gaps ON search_queries (locale, created_at) INCLUDE (query, session_id, result_count, clicked_article_id);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP TABLE search_queries');
}
