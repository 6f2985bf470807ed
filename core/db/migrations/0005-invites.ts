import type { QueryInterface } from 'sequelize';

/** Invitations to join the staff: one-time links (stored as hashes) that expire. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE invites (
      token_hash char(64) PRIMARY KEY,
      email varchar(320) NOT NULL CHECK (email = lower(email)),
      roles varchar(16)[] NOT NULL CHECK (roles <@ ARRAY['admin', 'author', 'operator']::varchar(16)[]),
      invited_by integer REFERENCES users (id) ON DELETE SET NULL,
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX invites_email ON invites (email);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP TABLE invites');
}
