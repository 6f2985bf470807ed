import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { createMigrator } from '../../../core/db/migrate.ts';
import { createLogger } from '../../../core/logger.ts';
import { createTestCore } from '../../support/test-core.ts';

/**
 * Migration 0029 changes `post_chat_message` in place (its INSERT gains `event`) instead of copying it: both
 * directions must leave a function that stores messages, and old events get their kind from their text.
 */
describe('migration 0029: timeline event kinds', () => {
  let core: Core;
  const migrator = () => createMigrator(core.sequelize, createLogger('warn', false));
  const post = async (conversationId: number, body: string, event?: object) => {
    const p = { conversationId, clientId: randomUUID(), sender: 'system', senderUserId: null, kind: 'event', body, ...(event ? { event } : {}) };
    const [row] = await core.sequelize.query<{ result: { outcome: string } }>('SELECT post_chat_message(:p::jsonb) AS result', { replacements: { p: JSON.stringify(p) }, type: QueryTypes.SELECT });
    return row!.result.outcome;
  };
  const hasEventColumn = async () =>
    (await core.sequelize.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'event'", { type: QueryTypes.SELECT })).length === 1;

  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(async () => {
    await core.close();
  });

  it('reverts to the function without the column, and gives old events their kind when applied again', async () => {
    const [visitor] = await core.sequelize.query<{ id: string }>('INSERT INTO visitors (id) VALUES (gen_random_uuid()) RETURNING id', { type: QueryTypes.SELECT });
    const team = (await core.sequelize.query<{ id: number }>('SELECT min(id) AS id FROM teams', { type: QueryTypes.SELECT }))[0]!.id;
    const [conversation] = await core.sequelize.query<{ id: number }>('INSERT INTO conversations (visitor_id, team_id) VALUES (:visitor, :team) RETURNING id', { replacements: { visitor: visitor!.id, team }, type: QueryTypes.SELECT });

    await migrator().down({ to: '0029-timeline-event-kinds' });
    expect(await hasEventColumn()).toBe(false);
    for (const body of ['Closed by Bob', 'Reopened by Bob', 'Claimed by Ann Lee', 'Visitor rated 😐: fine', 'Assigned to Olga by Bob']) expect(await post(conversation!.id, body)).toBe('created');

    await migrator().up();
    expect(await hasEventColumn()).toBe(true);
    const events = await core.sequelize.query<{ body: string; event: unknown }>('SELECT body, event FROM messages WHERE conversation_id = :id ORDER BY seq', { replacements: { id: conversation!.id }, type: QueryTypes.SELECT });
    expect(events).toEqual([
      { body: 'Closed by Bob', event: { type: 'closed' } },
      { body: 'Reopened by Bob', event: { type: 'reopened' } },
      { body: 'Claimed by Ann Lee', event: { type: 'assigned', name: 'Ann Lee' } },
      { body: 'Visitor rated 😐: fine', event: { type: 'rated', score: 'neutral' } },
      // "Assigned to X by Y": a name may itself hold " by ", so the kind is left out rather than guessed.
      { body: 'Assigned to Olga by Bob', event: null },
    ]);
    expect(await post(conversation!.id, 'Closed by Bob', { type: 'closed' })).toBe('created');
    const [last] = await core.sequelize.query<{ event: unknown }>('SELECT event FROM messages WHERE conversation_id = :id ORDER BY seq DESC LIMIT 1', { replacements: { id: conversation!.id }, type: QueryTypes.SELECT });
    expect(last!.event).toEqual({ type: 'closed' });
  });
});
