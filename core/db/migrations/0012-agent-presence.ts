import type { QueryInterface } from 'sequelize';

/**
 * Operator presence, shared by every instance: online while connected, away when they say so or when their
 * last connection has been gone for a grace period, offline when they sign out.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ALTER TABLE users
      ADD COLUMN presence varchar(8) NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
      ADD COLUMN presence_changed_at timestamptz;
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE users DROP COLUMN presence, DROP COLUMN presence_changed_at');
}
