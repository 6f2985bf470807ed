import type { QueryInterface } from 'sequelize';

/**
 * Day summaries for the reports (core/metrics/summaries/, METRICS.md "How a year stays fast"): a year of raw
 * events can't even be counted in 300 ms, so each closed UTC day is summarised once into `report_day_facts`:
 * additive counts, and sets of visitor numbers (or conversation ids) stored as sorted big-endian int4s, which
 * a report unions across days to count distinct visitors and intersections exactly.
 *
 * - `report_visitors` gives each visitor uuid a dense number, so a year's visitors fit in a small bitset.
 * - `report_days` lists the days whose facts are complete; its rows are deleted (and their facts with them)
 *   by the triggers below whenever a raw row of that day is inserted, changed or deleted, so the next report
 *   rebuilds that day from the raw rows. Only closed days (before today, UTC) are ever summarised.
 * - A builder takes an exclusive advisory lock, a writer touching a closed day a shared one: a day is never
 *   built from a snapshot that misses a write whose invalidation has already run.
 * - `conversations.first_reply_at` (the first agent reply) is kept by a trigger on messages, so the chat report
 *   reads 100k conversations for a year instead of all their replies.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE report_visitors (number serial PRIMARY KEY, visitor_id uuid NOT NULL UNIQUE);
    CREATE TABLE report_days (day date PRIMARY KEY, built_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE report_day_facts (
      day date NOT NULL REFERENCES report_days (day) ON DELETE CASCADE,
      kind varchar(24) NOT NULL,
      locale varchar(8) NOT NULL DEFAULT '',
      team_id integer NOT NULL DEFAULT 0,
      subject_id integer NOT NULL DEFAULT 0,
      n integer NOT NULL,
      members bytea,
      PRIMARY KEY (day, kind, locale, team_id, subject_id)
    );

    -- Forgets the summaries of the given days that are closed (before today, UTC): today is never summarised,
    -- so the common write (an event happening now) costs one comparison.
    CREATE FUNCTION forget_report_days(days date[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM unnest(days) d WHERE d < (clock_timestamp() AT TIME ZONE 'UTC')::date) THEN
        PERFORM pg_advisory_xact_lock_shared(hashtext('deflect.report_days'));
        DELETE FROM report_days WHERE day = ANY (days);
      END IF;
    END;
    $$;
    CREATE FUNCTION utc_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$ SELECT (at AT TIME ZONE 'UTC')::date $$;

    -- An article view also counts toward chats started up to 30 minutes later, possibly on the next day.
    CREATE FUNCTION forget_report_days_of_events() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'DELETE' THEN
        PERFORM forget_report_days(ARRAY(SELECT DISTINCT utc_day(t) FROM new_rows, LATERAL (VALUES (occurred_at), (occurred_at + interval '30 minutes')) v(t)));
      END IF;
      IF TG_OP <> 'INSERT' THEN
        PERFORM forget_report_days(ARRAY(SELECT DISTINCT utc_day(t) FROM old_rows, LATERAL (VALUES (occurred_at), (occurred_at + interval '30 minutes')) v(t)));
      END IF;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER help_center_events_forget_insert AFTER INSERT ON help_center_events REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION forget_report_days_of_events();
    CREATE TRIGGER help_center_events_forget_update AFTER UPDATE ON help_center_events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION forget_report_days_of_events();
    CREATE TRIGGER help_center_events_forget_delete AFTER DELETE ON help_center_events REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION forget_report_days_of_events();

    CREATE FUNCTION forget_report_days_of_searches() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'DELETE' THEN PERFORM forget_report_days(ARRAY(SELECT DISTINCT utc_day(created_at) FROM new_rows)); END IF;
      IF TG_OP <> 'INSERT' THEN PERFORM forget_report_days(ARRAY(SELECT DISTINCT utc_day(created_at) FROM old_rows)); END IF;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER search_queries_forget_insert AFTER INSERT ON search_queries REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION forget_report_days_of_searches();
    CREATE TRIGGER search_queries_forget_update AFTER UPDATE ON search_queries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION forget_report_days_of_searches();
    CREATE TRIGGER search_queries_forget_delete AFTER DELETE ON search_queries REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION forget_report_days_of_searches();

    ALTER TABLE conversations ADD COLUMN first_reply_at timestamptz;
    -- Conversations: only the columns the summaries read (every message updates last_seq; that changes nothing).
    -- A first reply or close forgets the conversation's creation day: its times are summarised there.
    CREATE FUNCTION forget_report_days_of_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN PERFORM forget_report_days(ARRAY(SELECT DISTINCT utc_day(created_at) FROM new_rows)); END IF;
      IF TG_OP = 'DELETE' THEN PERFORM forget_report_days(ARRAY(SELECT DISTINCT utc_day(created_at) FROM old_rows)); END IF;
      IF TG_OP = 'UPDATE' THEN PERFORM forget_report_days(ARRAY[utc_day(OLD.created_at), utc_day(NEW.created_at)]); RETURN NEW; END IF;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER conversations_forget_insert AFTER INSERT ON conversations REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION forget_report_days_of_conversations();
    CREATE TRIGGER conversations_forget_delete AFTER DELETE ON conversations REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION forget_report_days_of_conversations();
    CREATE TRIGGER conversations_forget_update AFTER UPDATE ON conversations FOR EACH ROW
      WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.bot_outcome IS DISTINCT FROM NEW.bot_outcome OR OLD.visitor_id IS DISTINCT FROM NEW.visitor_id
            OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.origin IS DISTINCT FROM NEW.origin OR OLD.first_reply_at IS DISTINCT FROM NEW.first_reply_at
            OR OLD.first_closed_at IS DISTINCT FROM NEW.first_closed_at OR OLD.reopen_count IS DISTINCT FROM NEW.reopen_count)
      EXECUTE FUNCTION forget_report_days_of_conversations();

    -- Replies: the operators' "handled" sets of their days, and each conversation's first reply.
    CREATE FUNCTION track_replies() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM forget_report_days(ARRAY(SELECT DISTINCT utc_day(created_at) FROM new_rows WHERE sender = 'agent' AND kind = 'text'));
        UPDATE conversations c SET first_reply_at = r.at
          FROM (SELECT conversation_id, min(created_at) AS at FROM new_rows WHERE sender = 'agent' AND kind = 'text' GROUP BY 1) r
         WHERE c.id = r.conversation_id AND (c.first_reply_at IS NULL OR c.first_reply_at > r.at);
      ELSE
        PERFORM forget_report_days(ARRAY(SELECT DISTINCT utc_day(created_at) FROM old_rows WHERE sender = 'agent' AND kind = 'text'));
        UPDATE conversations c SET first_reply_at = (SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'agent' AND m.kind = 'text')
         WHERE c.id IN (SELECT conversation_id FROM old_rows WHERE sender = 'agent' AND kind = 'text');
      END IF;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER messages_replies_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION track_replies();
    CREATE TRIGGER messages_replies_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION track_replies();
    UPDATE conversations c SET first_reply_at = r.at
      FROM (SELECT conversation_id, min(created_at) AS at FROM messages WHERE sender = 'agent' AND kind = 'text' GROUP BY 1) r
     WHERE c.id = r.conversation_id;
    CREATE INDEX conversations_by_created_with_reply ON conversations (created_at) INCLUDE (team_id, first_reply_at, first_closed_at, reopen_count);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    DROP INDEX conversations_by_created_with_reply;
    DROP TRIGGER messages_replies_insert ON messages;
    DROP TRIGGER messages_replies_delete ON messages;
    DROP FUNCTION track_replies();
    DROP TRIGGER conversations_forget_insert ON conversations;
    DROP TRIGGER conversations_forget_delete ON conversations;
    DROP TRIGGER conversations_forget_update ON conversations;
    DROP FUNCTION forget_report_days_of_conversations();
    ALTER TABLE conversations DROP COLUMN first_reply_at;
    DROP TRIGGER search_queries_forget_insert ON search_queries;
    DROP TRIGGER search_queries_forget_update ON search_queries;
    DROP TRIGGER search_queries_forget_delete ON search_queries;
    DROP FUNCTION forget_report_days_of_searches();
    DROP TRIGGER help_center_events_forget_insert ON help_center_events;
    DROP TRIGGER help_center_events_forget_update ON help_center_events;
    DROP TRIGGER help_center_events_forget_delete ON help_center_events;
    DROP FUNCTION forget_report_days_of_events();
    DROP FUNCTION utc_day(timestamptz);
    DROP FUNCTION forget_report_days(date[]);
    DROP TABLE report_day_facts, report_days, report_visitors;
  `);
}
