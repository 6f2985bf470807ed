import type { QueryInterface } from 'sequelize';

/**
 * Team leads and their in-app alerts (the admin's bell).
 * - `team_members.lead`: the member leads the team; leads hear about unhappy visitors.
 * - `notifications`: one alert for one staff member about a conversation (a 😞 rating) or an article (a 😞
 *   reaction), with a short text, `count` (how many 😞 an unread article alert stands for) and `read_at`.
 *   A partial unique index keeps one unread 😞 alert per person and article: more 😞 bump its count.
 * - Who is alerted is decided here, once, by `csat_alert_recipients` and `sad_reaction_recipients`; triggers
 *   call them, so alerts commit (or roll back) with the rating or reaction itself, whatever code path wrote it,
 *   as webhooks do (0020). Only a change *into* 😞 alerts: the same 😞 again is not news.
 * - After commit, `notifications.changed` goes out on the events channel (NOTIFY is transactional) so every
 *   instance can push the alerts to the recipients' open inboxes (see core/events-relay.ts).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ALTER TABLE team_members ADD COLUMN lead boolean NOT NULL DEFAULT false;
    CREATE INDEX team_members_leads ON team_members (team_id) WHERE lead;

    CREATE TABLE notifications (
      id serial PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind varchar(20) NOT NULL CHECK (kind IN ('csat_negative', 'article_sad')),
      conversation_id integer REFERENCES conversations (id) ON DELETE CASCADE,
      article_id integer REFERENCES articles (id) ON DELETE CASCADE,
      text varchar(300) NOT NULL,
      count integer NOT NULL DEFAULT 1,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'csat_negative') = (conversation_id IS NOT NULL)),
      CHECK ((kind = 'article_sad') = (article_id IS NOT NULL))
    );
    CREATE INDEX notifications_by_user ON notifications (user_id, updated_at DESC);
    CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
    CREATE UNIQUE INDEX notifications_one_unread_sad ON notifications (user_id, article_id) WHERE kind = 'article_sad' AND read_at IS NULL;

    -- Active leads of these teams; when the teams have none, the active admins, so no 😞 goes unheard.
    CREATE FUNCTION leads_or_admins(team_ids integer[]) RETURNS SETOF integer LANGUAGE sql STABLE AS $$
      WITH leads AS (
        SELECT DISTINCT m.user_id FROM team_members m JOIN users u ON u.id = m.user_id
         WHERE m.lead AND m.team_id = ANY (team_ids) AND u.deactivated_at IS NULL
      )
      SELECT user_id FROM leads
      UNION ALL
      SELECT u.id FROM users u
       WHERE NOT EXISTS (SELECT 1 FROM leads) AND u.deactivated_at IS NULL AND 'admin' = ANY (u.roles)
    $$;

    -- A 😞 rating: the leads of the conversation's team and of every team its assignee belongs to.
    CREATE FUNCTION csat_alert_recipients(conversation_id integer) RETURNS SETOF integer LANGUAGE sql STABLE AS $$
      SELECT leads_or_admins(ARRAY(
        SELECT c.team_id FROM conversations c WHERE c.id = csat_alert_recipients.conversation_id
        UNION
        SELECT m.team_id FROM conversations c JOIN team_members m ON m.user_id = c.assignee_id WHERE c.id = csat_alert_recipients.conversation_id
      ))
    $$;

    -- A 😞 reaction: the leads of the team answering for the article's collection (else the default team's),
    -- and the article's author when they have an active account.
    CREATE FUNCTION sad_reaction_recipients(article_id integer) RETURNS SETOF integer LANGUAGE sql STABLE AS $$
      SELECT leads_or_admins(ARRAY(
        SELECT COALESCE(ct.team_id, default_team_id()) FROM articles a LEFT JOIN collection_teams ct ON ct.collection_id = a.collection_id
         WHERE a.id = sad_reaction_recipients.article_id
      ))
      UNION
      SELECT u.id FROM articles a JOIN users u ON u.author_id = a.author_id
       WHERE a.id = sad_reaction_recipients.article_id AND u.deactivated_at IS NULL
    $$;

    CREATE FUNCTION announce_notifications(ids integer[]) RETURNS void LANGUAGE sql AS $$
      SELECT pg_notify('deflect_events', jsonb_build_object('origin', 'database', 'event', 'notifications.changed', 'payload', jsonb_build_object('ids', to_jsonb(ids)))::text)
       WHERE cardinality(ids) > 0
    $$;

    CREATE FUNCTION notify_negative_rating() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ids integer[];
    BEGIN
      WITH added AS (
        INSERT INTO notifications (user_id, kind, conversation_id, text)
          SELECT recipient, 'csat_negative', NEW.conversation_id, left('Conversation #' || NEW.conversation_id || ' rated 😞' || COALESCE(': ' || NEW.comment, ''), 300)
            FROM csat_alert_recipients(NEW.conversation_id) recipient
        RETURNING id
      )
      SELECT array_agg(id) INTO ids FROM added;
      PERFORM announce_notifications(ids);
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER conversation_ratings_alert_created AFTER INSERT ON conversation_ratings
      FOR EACH ROW WHEN (NEW.score = 1) EXECUTE FUNCTION notify_negative_rating();
    CREATE TRIGGER conversation_ratings_alert_changed AFTER UPDATE OF score ON conversation_ratings
      FOR EACH ROW WHEN (NEW.score = 1 AND OLD.score <> 1) EXECUTE FUNCTION notify_negative_rating();

    CREATE FUNCTION notify_sad_reaction() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ids integer[];
    BEGIN
      WITH added AS (
        INSERT INTO notifications (user_id, kind, article_id, text)
          SELECT recipient, 'article_sad', a.id, left('😞 on “' || a.title || '”', 300)
            FROM sad_reaction_recipients(NEW.article_id) recipient, articles a WHERE a.id = NEW.article_id
        ON CONFLICT (user_id, article_id) WHERE kind = 'article_sad' AND read_at IS NULL
          DO UPDATE SET count = notifications.count + 1, updated_at = now()
        RETURNING id
      )
      SELECT array_agg(id) INTO ids FROM added;
      PERFORM announce_notifications(ids);
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER article_reactions_alert_created AFTER INSERT ON article_reactions
      FOR EACH ROW WHEN (NEW.value = -1) EXECUTE FUNCTION notify_sad_reaction();
    CREATE TRIGGER article_reactions_alert_changed AFTER UPDATE OF value ON article_reactions
      FOR EACH ROW WHEN (NEW.value = -1 AND OLD.value <> -1) EXECUTE FUNCTION notify_sad_reaction();
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    DROP TRIGGER article_reactions_alert_changed ON article_reactions;
    DROP TRIGGER article_reactions_alert_created ON article_reactions;
    DROP TRIGGER conversation_ratings_alert_changed ON conversation_ratings;
    DROP TRIGGER conversation_ratings_alert_created ON conversation_ratings;
    DROP FUNCTION notify_sad_reaction(), notify_negative_rating(), announce_notifications(integer[]),
      sad_reaction_recipients(integer), csat_alert_recipients(integer), leads_or_admins(integer[]);
    DROP TABLE notifications;
    DROP INDEX team_members_leads;
    ALTER TABLE team_members DROP COLUMN lead;
  `);
}
