import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { scheduleSchema } from '../../../core/hours/index.ts';
import type { Team } from '../../../core/models/index.ts';
import { connectClient, request, startChatHarness } from '../../support/chat-harness.ts';
import { teamFixtures } from '../../support/team-fixtures.ts';
import { createTestCore } from '../../support/test-core.ts';

/** Weekdays 09:00–17:00 in Berlin (UTC+1 in November), closed on 2026-11-27 for a company day. */
const officeHours = scheduleSchema.parse({
  timeZone: 'Europe/Berlin',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '09:00', end: '17:00' }]])),
  closures: [{ from: '2026-11-27', label: 'Company day' }],
});
/** Wednesday 25 November 2026, 10:00 in Berlin. */
const WEDNESDAY_10 = new Date('2026-11-25T09:00:00Z');

describe('team status for the widget', () => {
  let core: Core;
  let make: ReturnType<typeof teamFixtures>;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;

  const teamWithHours = async (name: string, schedule = officeHours as typeof officeHours | null) => {
    const collection = await make.collection();
    const team = await make.team(name, { collections: [collection] });
    await team.update({ schedule });
    return { team, collection };
  };
  /** A conversation as if it had happened: the visitor asked at `asked`, the team replied `replyAfterS` later (or never). */
  const pastConversation = async (team: Team, asked: Date, replyAfterS: number | null, extra: { secondVisitorMessageAfterS?: number; noteAfterS?: number; botEscalatedAfterS?: number } = {}) => {
    const visitorId = await make.visitor();
    const [row] = await core.sequelize.query<{ id: number }>('INSERT INTO conversations (visitor_id, team_id, created_at) VALUES (:visitorId, :teamId, :asked) RETURNING id', { replacements: { visitorId, teamId: team.id, asked }, type: QueryTypes.SELECT });
    const messages: Array<[string, string, number]> = [['visitor', 'text', 0]];
    if (extra.secondVisitorMessageAfterS !== undefined) messages.push(['visitor', 'text', extra.secondVisitorMessageAfterS]);
    if (extra.noteAfterS !== undefined) messages.push(['agent', 'note', extra.noteAfterS]);
    if (extra.botEscalatedAfterS !== undefined) messages.push(['system', 'event', extra.botEscalatedAfterS]);
    if (replyAfterS !== null) messages.push(['agent', 'text', replyAfterS]);
    messages.sort((a, b) => a[2] - b[2]);
    for (const [index, [sender, kind, after]] of messages.entries()) {
      await core.sequelize.query('INSERT INTO messages (conversation_id, seq, client_id, sender, kind, body, event, created_at) VALUES (:id, :seq, :clientId, :sender, :kind, :body, :event, :at)', {
        replacements: { id: row!.id, seq: index + 1, clientId: randomUUID(), sender, kind, body: `${sender} ${kind}`, event: kind === 'event' ? JSON.stringify({ type: 'bot_escalated' }) : null, at: new Date(asked.getTime() + after * 1000) },
      });
    }
  };
  const minutesBefore = (at: Date, minutes: number) => new Date(at.getTime() - minutes * 60_000);

  beforeAll(async () => {
    core = await createTestCore();
    make = teamFixtures(core);
    harness = await startChatHarness(core);
  });
  afterAll(async () => {
    await harness.close();
    await core.close();
  });

  it('is open inside the schedule with the closing time, closed outside it with the next opening (closures skipped)', async () => {
    const { team, collection } = await teamWithHours('Office');
    const open = await core.chat.teamStatus({ collectionSlug: collection.slug }, WEDNESDAY_10);
    expect(open).toMatchObject({ team: { id: team.id, name: team.name }, open: true, closesAt: '2026-11-25T16:00:00.000Z', opensAt: null });

    const thursdayEvening = new Date('2026-11-26T17:30:00Z');
    const closed = await core.chat.teamStatus({ page: `/en/${collection.slug}` }, thursdayEvening);
    // Friday is the company day: back on Monday at 09:00 Berlin time.
    expect(closed).toMatchObject({ open: false, staffed: false, opensAt: '2026-11-30T08:00:00.000Z', closesAt: null });
  });

  it('a team without a schedule is always open; an unknown place gets the default team', async () => {
    const always = await core.chat.teamStatus({ page: '/en/no-such-collection' }, WEDNESDAY_10);
    expect(always).toMatchObject({ team: { name: 'Support' }, open: true, closesAt: null, opensAt: null });
  });

  it('is staffed while a member is online or went away within the grace minutes; unstaffed after that', async () => {
    const alice = await make.staff('Alice Online');
    const { team, collection } = await teamWithHours('Staffing');
    await core.sequelize.query('INSERT INTO team_members (team_id, user_id) VALUES (:t, :u)', { replacements: { t: team.id, u: alice.user.id } });
    const status = () => core.chat.teamStatus({ collectionSlug: collection.slug }, WEDNESDAY_10);
    const presence = (value: string, changedAt: Date) => core.sequelize.query('UPDATE users SET presence = :value, presence_changed_at = :changedAt WHERE id = :id', { replacements: { value, changedAt, id: alice.user.id } });

    await presence('online', minutesBefore(WEDNESDAY_10, 600));
    expect(await status()).toMatchObject({ open: true, staffed: true });
    await presence('away', minutesBefore(WEDNESDAY_10, 3));
    expect(await status()).toMatchObject({ open: true, staffed: true }); // within the default 5 minutes
    await presence('away', minutesBefore(WEDNESDAY_10, 6));
    expect(await status()).toMatchObject({ open: true, staffed: false });
    await team.update({ staffedGraceMinutes: 10 });
    expect(await status()).toMatchObject({ staffed: true });
  });

  it('expects the median first reply of the last 7 days, counting only questions asked in business hours', async () => {
    const { team, collection } = await teamWithHours('Median');
    const tuesday = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00+01:00`);
    await pastConversation(team, tuesday('09:30'), 60);
    await pastConversation(team, tuesday('10:00'), 120, { secondVisitorMessageAfterS: 30 }); // measured from the first message
    await pastConversation(team, tuesday('11:00'), 300, { noteAfterS: 10 }); // an internal note is no reply
    await pastConversation(team, tuesday('12:00'), 600);
    await pastConversation(team, tuesday('22:00'), 11 * 3600); // asked at night: not counted
    await pastConversation(team, new Date('2026-11-16T10:00:00+01:00'), 5); // older than 7 days
    await pastConversation(team, tuesday('13:00'), null); // never answered: no reply to measure
    // The answer bot held it 20 minutes until the visitor asked for a person; the team answered a minute later.
    await pastConversation(team, tuesday('14:00'), 1260, { botEscalatedAfterS: 1200 });

    const status = await core.chat.teamStatus({ collectionSlug: collection.slug }, WEDNESDAY_10);
    // percentile_cont of 60, 60, 120, 300, 600 s.
    expect(status).toMatchObject({ expectedReplySeconds: 120, replies: 5 });

    const { collection: quiet } = await teamWithHours('Quiet');
    expect(await core.chat.teamStatus({ collectionSlug: quiet.slug }, WEDNESDAY_10)).toMatchObject({ expectedReplySeconds: null, replies: 0 });
  });

  it('answers `team:status` on the visitor socket, and refuses a malformed request', async () => {
    const { team, collection } = await teamWithHours('Socket', null);
    const visitor = await connectClient(harness.url, '/visitor');
    const answer = await request(visitor, 'team:status', { page: `/en/${collection.slug}/some-article` });
    expect(answer).toEqual({ ok: true, team: { id: team.id, name: team.name }, open: true, staffed: false, opensAt: null, closesAt: null, expectedReplySeconds: null, replies: 0 });
    const refused = await request(visitor, 'team:status', { articleId: 'seven' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    // A widget asks once per page: a script asking in a loop is stopped (30 a minute per visitor).
    const answers = await Promise.all(Array.from({ length: 30 }, () => request<{ ok: boolean; error?: { code: string } }>(visitor, 'team:status', {})));
    expect(answers.filter((a) => a.ok)).toHaveLength(29);
    expect(answers.find((a) => !a.ok)?.error?.code).toBe('rate_limited');
    visitor.disconnect();
  });
});
