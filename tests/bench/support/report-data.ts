import type { Sequelize } from 'sequelize';

/** The bench's year of history ends here, so the 30- and 365-day periods are fixed and repeatable. */
export const BENCH_END = new Date('2026-11-01T00:00:00Z');

/**
 * A year of a busy help center, generated inside PostgreSQL (INSERT … SELECT over generate_series, one
 * statement per table): 100k conversations with a visitor message and most with replies, 1M help-center
 * events, 100k searches, 20k reactions, 30k ratings, over 4 teams (3 with business hours) and 20 operators.
 */
export async function generateReportData(sequelize: Sequelize, sizes = { conversations: 100_000, events: 1_000_000 }): Promise<void> {
  const q = (sql: string) => sequelize.query(sql, { replacements: { end: BENCH_END, conversations: sizes.conversations, events: sizes.events } });
  const weekday = '[{"start": "09:00", "end": "18:00"}]';
  await q(`INSERT INTO teams (name, schedule)
           SELECT 'Bench team ' || i, jsonb_build_object('timeZone', 'Europe/Berlin', 'weekly', jsonb_build_object('mon', '${weekday}'::jsonb, 'tue', '${weekday}'::jsonb, 'wed', '${weekday}'::jsonb, 'thu', '${weekday}'::jsonb, 'fri', '${weekday}'::jsonb), 'closures', '[]'::jsonb)
             FROM generate_series(1, 3) i`);
  await q(`INSERT INTO users (email, name, roles) SELECT 'operator' || i || '@bench.example', 'Operator ' || i, ARRAY['operator']::varchar(16)[] FROM generate_series(1, 20) i`);
  await q(`INSERT INTO team_members (team_id, user_id) SELECT t.id, u.id FROM teams t JOIN users u ON u.email LIKE 'operator%@bench.example' AND (u.id + t.id) % 2 = 0`);
  await q(`INSERT INTO collections (locale, slug, translation_key, title, icon, position) VALUES ('en', 'bench', 'bench', 'Bench', '📁', 1)`);
  await q(`INSERT INTO articles (locale, slug, collection_id, translation_key, title, body, html, status)
           SELECT 'en', 'bench-' || i, (SELECT id FROM collections WHERE slug = 'bench'), 'bench-' || i, 'Bench article ' || i, 'x', '<p>x</p>', 'published' FROM generate_series(1, 200) i`);
  // Visitors: md5(n)::uuid, so events, searches and conversations of "visitor n" join.
  await q(`INSERT INTO visitors (id) SELECT md5(i::text)::uuid FROM generate_series(1, 300000) i`);
  await q(`INSERT INTO conversations (visitor_id, team_id, status, assignee_id, origin, created_at, updated_at, bot_outcome, first_closed_at, reopen_count)
           SELECT md5((1 + (i * 7919) % 300000)::text)::uuid,
                  (SELECT id FROM teams ORDER BY id OFFSET i % 4 LIMIT 1),
                  CASE WHEN i % 10 = 0 THEN 'open' ELSE 'closed' END,
                  CASE WHEN i % 7 = 0 THEN NULL ELSE (SELECT min(id) FROM users WHERE email LIKE 'operator%@bench.example') + i % 20 END,
                  CASE WHEN i % 5 = 0 THEN jsonb_build_object('kind', 'article', 'articleId', (SELECT min(id) FROM articles) + i % 200) ELSE '{"kind": "launcher"}'::jsonb END,
                  c.at, c.at,
                  (ARRAY[NULL, 'offered', 'helped', 'escalated'])[1 + i % 4],
                  CASE WHEN i % 10 = 0 THEN NULL ELSE c.at + (i % 1000) * interval '1 minute' END,
                  CASE WHEN i % 13 = 0 THEN 1 ELSE 0 END
             FROM generate_series(1, :conversations) i, LATERAL (SELECT :end::timestamptz - (i::float8 / :conversations) * interval '365 days' AS at) c`);
  await q(`INSERT INTO messages (conversation_id, seq, client_id, sender, sender_user_id, kind, body, created_at)
           SELECT c.id, 1, gen_random_uuid(), 'visitor', NULL, 'text', 'help', c.created_at FROM conversations c`);
  await q(`INSERT INTO messages (conversation_id, seq, client_id, sender, sender_user_id, kind, body, created_at)
           SELECT c.id, s.seq, gen_random_uuid(), 'agent', COALESCE(c.assignee_id, (SELECT min(id) FROM users WHERE email LIKE 'operator%@bench.example')), 'text', 'answer',
                  c.created_at + (c.id % 600 + s.seq * 60) * interval '1 minute'
             FROM conversations c, generate_series(2, 3) s(seq) WHERE c.id % 8 <> 0`);
  await q(`UPDATE conversations SET last_seq = 3`);
  await q(`INSERT INTO help_center_events (occurred_at, type, visitor_id, locale, article_id, collection_id, query, result_count, source)
           SELECT :end::timestamptz - (i::float8 / :events) * interval '365 days',
                  (ARRAY['page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'widget_open', 'widget_search', 'widget_article_open', 'deflection'])[1 + i % 20],
                  md5((1 + (i * 31) % 300000)::text)::uuid,
                  CASE WHEN i % 3 = 0 THEN 'ru' ELSE 'en' END,
                  CASE WHEN i % 2 = 0 THEN (SELECT min(id) FROM articles) + i % 200 END,
                  NULL,
                  CASE WHEN i % 20 = 17 THEN 'query ' || i % 500 END,
                  CASE WHEN i % 20 = 17 THEN i % 5 END,
                  CASE WHEN i % 20 = 18 THEN 'suggestion' END
             FROM generate_series(1, :events) i`);
  await q(`INSERT INTO search_queries (session_id, visitor_id, locale, query, result_count, clicked_article_id, created_at, updated_at)
           SELECT gen_random_uuid(), md5((1 + (i * 17) % 300000)::text)::uuid, 'en', 'query ' || i % 700, i % 6,
                  CASE WHEN i % 3 = 0 THEN (SELECT min(id) FROM articles) + i % 200 END, at, at
             FROM generate_series(1, 100000) i, LATERAL (SELECT :end::timestamptz - (i::float8 / 100000) * interval '365 days' AS at) t`);
  await q(`INSERT INTO article_reactions (article_id, visitor_id, value, created_at, updated_at)
           SELECT (SELECT min(id) FROM articles) + i % 200, md5(i::text)::uuid, (i % 3) - 1, at, at
             FROM generate_series(1, 20000) i, LATERAL (SELECT :end::timestamptz - (i::float8 / 20000) * interval '365 days' AS at) t`);
  await q(`INSERT INTO conversation_ratings (conversation_id, visitor_id, operator_id, score, created_at, updated_at)
           SELECT id, visitor_id, assignee_id, 1 + id % 3, first_closed_at, first_closed_at FROM conversations WHERE first_closed_at IS NOT NULL AND id % 3 = 0`);
  await q('VACUUM ANALYZE');
}
