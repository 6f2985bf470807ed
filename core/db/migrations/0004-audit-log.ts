import type { QueryInterface } from 'sequelize';

/**
 * Append-only record of staff actions. Append-only is enforced by the database itself: a trigger refuses
 * UPDATE, DELETE and TRUNCATE, so no code path (or mistaken query) can rewrite history.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      actor_id integer REFERENCES users (id) ON DELETE SET NULL,
      actor_label varchar(320) NOT NULL,
      action varchar(64) NOT NULL,
      target_type varchar(32),
      target_id varchar(64),
      summary text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_log_recent ON audit_log (created_at DESC);
    CREATE INDEX audit_log_by_action ON audit_log (action, created_at DESC);
    CREATE INDEX audit_log_by_actor ON audit_log (actor_id, created_at DESC);

    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END $$;
    CREATE TRIGGER audit_log_no_rewrite BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP TABLE audit_log; DROP FUNCTION audit_log_append_only();');
}
