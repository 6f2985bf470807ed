import type { QueryInterface } from 'sequelize';

/**
 * Staff accounts and their server-side sessions. Session ids and setup tokens are stored only as SHA-256
 * hashes, so a copy of the database does not let anyone sign in.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE users (
      id serial PRIMARY KEY,
      email varchar(320) NOT NULL UNIQUE CHECK (email = lower(email)),
      name varchar(200) NOT NULL,
      password_hash text,
      -- A checked varchar[] rather than an enum[]: node-postgres cannot parse arrays of a type created after
      -- its connections opened (first start migrates on an open pool), and would hand back '{admin}'.
      roles varchar(16)[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['admin', 'author', 'operator']::varchar(16)[]),
      author_id integer REFERENCES authors (id) ON DELETE SET NULL,
      deactivated_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE sessions (
      id_hash char(64) PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user ON sessions (user_id);

    CREATE TABLE setup_tokens (
      token_hash char(64) PRIMARY KEY,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP TABLE setup_tokens, sessions, users;');
}
