import type { QueryInterface } from 'sequelize';

/**
 * Teams: who answers which conversations, how they are handed out and when the team is open.
 *
 * - `teams`: a name, the assignment strategy (`manual`: a queue operators claim from; `round_robin`: handed to
 *   the online member with capacity who was assigned least recently), the capacity of open conversations per
 *   operator, the business-hours schedule (JSON checked by `core/hours` before it is stored; null: always open)
 *   and how long a team counts as staffed after its last operator went away. Exactly one team is the default:
 *   a partial unique index allows at most one, and the default is only ever moved, never removed.
 * - `team_members`: operators of a team, with when each was last handed a conversation (the fair order).
 * - `collection_teams`: the team that answers questions about a collection (none: the default team).
 * - `conversations.team_id`: every conversation belongs to a team; the column's default is the default team,
 *   so a conversation created by any code path lands in a queue somebody sees.
 * - `conversation_watchers`: people kept informed about a conversation they do not own (an article's author
 *   when the question about their article went to a team). A table rather than an array: it is a relation
 *   with foreign keys, and "what do I watch" is a plain index lookup.
 *
 * The migration creates the default team "Support" with every active operator (and admin: they use the inbox
 * too) as a member, and puts every existing conversation in it.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE teams (
      id serial PRIMARY KEY,
      name varchar(100) NOT NULL CHECK (length(trim(name)) > 0),
      strategy varchar(16) NOT NULL DEFAULT 'manual' CHECK (strategy IN ('manual', 'round_robin')),
      capacity integer NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 1 AND 100),
      schedule jsonb,
      staffed_grace_minutes integer NOT NULL DEFAULT 5 CHECK (staffed_grace_minutes BETWEEN 0 AND 1440),
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX teams_name ON teams (lower(name));
    CREATE UNIQUE INDEX teams_one_default ON teams (is_default) WHERE is_default;

    CREATE TABLE team_members (
      team_id integer NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      last_assigned_at timestamptz,
      PRIMARY KEY (team_id, user_id)
    );
    CREATE INDEX team_members_user ON team_members (user_id);

    CREATE TABLE collection_teams (
      collection_id integer PRIMARY KEY REFERENCES collections (id) ON DELETE CASCADE,
      team_id integer NOT NULL REFERENCES teams (id) ON DELETE CASCADE
    );

    INSERT INTO teams (name, is_default) VALUES ('Support', true);
    INSERT INTO team_members (team_id, user_id)
      SELECT t.id, u.id FROM teams t, users u
       WHERE t.is_default AND u.deactivated_at IS NULL AND u.roles && ARRAY['operator', 'admin']::varchar(16)[];

    CREATE FUNCTION default_team_id() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT id FROM teams WHERE is_default $$;
    ALTER TABLE conversations ADD COLUMN team_id integer REFERENCES teams (id);
    UPDATE conversations SET team_id = default_team_id();
    ALTER TABLE conversations ALTER COLUMN team_id SET DEFAULT default_team_id(), ALTER COLUMN team_id SET NOT NULL;
    -- The round-robin queue: a team's open, unassigned conversations, oldest first.
    CREATE INDEX conversations_team_queue ON conversations (team_id, created_at) WHERE status = 'open' AND assignee_id IS NULL;

    CREATE TABLE conversation_watchers (
      conversation_id integer NOT NULL REFERENCES conversations (id),
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, user_id)
    );
    CREATE INDEX conversation_watchers_user ON conversation_watchers (user_id);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    DROP TABLE conversation_watchers;
    DROP INDEX conversations_team_queue;
    ALTER TABLE conversations DROP COLUMN team_id;
    DROP FUNCTION default_team_id();
    DROP TABLE collection_teams, team_members, teams;
  `);
}
