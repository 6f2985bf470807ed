import type { QueryInterface } from 'sequelize';

/**
 * Personal access tokens for the REST API: only the SHA-256 of a token is stored, with the last characters
 * shown in lists so the owner can tell their tokens apart. A revoked token keeps its row (audit, "last used").
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE access_tokens (
      id serial PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name varchar(100) NOT NULL,
      token_hash char(64) NOT NULL UNIQUE,
      last_chars varchar(8) NOT NULL,
      scopes varchar(32)[] NOT NULL CHECK (cardinality(scopes) > 0),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX access_tokens_user ON access_tokens (user_id);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP TABLE access_tokens');
}
