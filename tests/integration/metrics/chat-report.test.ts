import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { metricsFixtures } from '../../support/metrics-fixtures.ts';
import { teamFixtures } from '../../support/team-fixtures.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('the chat report', () => {
  let core: Core;
  let data: ReturnType<typeof metricsFixtures>;
  let teams: ReturnType<typeof teamFixtures>;
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    core = await createTestCore();
    data = metricsFixtures(core);
    teams = teamFixtures(core);
  });
  afterAll(() => core.close());

  it('measures first replies in business hours only: nights, weekends and replies outside hours do not count', async () => {
    const ops = await teams.team('Ops');
    // Monday to Friday, 10:00–18:00 in Berlin (UTC+1 in January): 09:00–17:00 UTC.
    const weekday = [{ start: '10:00', end: '18:00' }];
    await core.sequelize.query('UPDATE teams SET schedule = :schedule WHERE id = :id', { replacements: { id: ops.id, schedule: JSON.stringify({ timeZone: 'Europe/Berlin', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday }, closures: [] }) } });
    const visitor = await data.visitor();
    const chat = (createdAt: string) => data.conversation({ visitorId: visitor, at: createdAt, teamId: ops.id });
    const quick = await chat('2026-01-05T09:00:00Z'); // Monday 10:00 Berlin
    await data.message(quick, { at: '2026-01-05T09:01:00Z', sender: 'visitor' });
    await data.message(quick, { at: '2026-01-05T09:10:00Z', sender: 'agent' }); // 10 minutes
    const overWeekend = await chat('2026-01-09T16:50:00Z'); // Friday 17:50 Berlin
    await data.message(overWeekend, { at: '2026-01-12T09:10:00Z', sender: 'agent' }); // Monday 10:10: 10 + 10 minutes open
    const onSaturday = await chat('2026-01-10T12:00:00Z'); // closed
    await data.message(onSaturday, { at: '2026-01-12T09:30:00Z', sender: 'agent' }); // 30 minutes into Monday
    const noted = await chat('2026-01-06T10:00:00Z');
    await data.message(noted, { at: '2026-01-06T10:05:00Z', sender: 'agent', kind: 'note' }); // an internal note is no reply
    await data.message(noted, { at: '2026-01-06T10:40:00Z', sender: 'agent' }); // 40 minutes
    await data.message(noted, { at: '2026-01-06T10:50:00Z', sender: 'agent' });
    await chat('2026-01-07T10:00:00Z'); // not answered yet
    const report = await core.metrics.chat({ from: at('2026-01-01T00:00:00Z'), to: at('2026-02-01T00:00:00Z'), teamId: ops.id });
    // 10, 20, 30, 40 minutes: nearest-rank p50 is the 2nd, p90 the 4th.
    expect(report.firstReply).toEqual({ count: 4, p50Seconds: 1_200, p90Seconds: 2_400, unanswered: 1 });
    expect(report.conversations).toBe(5);
  });

  it('measures a conversation the answer bot held from when the visitor asked for a person', async () => {
    const bot = await teams.team('Bot desk'); // no schedule: always open
    const visitor = await data.visitor();
    // Asked at 10:00, read the bot's articles, asked for a person at 10:20; the team replied at 10:22.
    const held = await data.conversation({ visitorId: visitor, at: '2026-03-02T10:00:00Z', teamId: bot.id, botOutcome: 'escalated', humanRequestedAt: '2026-03-02T10:20:00Z' });
    await data.message(held, { at: '2026-03-02T10:00:00Z', sender: 'visitor' });
    await data.message(held, { at: '2026-03-02T10:22:00Z', sender: 'agent' });
    const report = await core.metrics.chat({ from: at('2026-03-01T00:00:00Z'), to: at('2026-04-01T00:00:00Z'), teamId: bot.id });
    expect(report.firstReply).toEqual({ count: 1, p50Seconds: 120, p90Seconds: 120, unanswered: 0 });
  });

  it('measures resolution to the first close, and the share of closed conversations reopened', async () => {
    const team = await teams.team('Resolution');
    const visitor = await data.visitor();
    const chat = (firstClosedAt: string | null, reopenCount = 0) => data.conversation({ visitorId: visitor, at: '2026-02-02T10:00:00Z', teamId: team.id, status: firstClosedAt ? 'closed' : 'open', firstClosedAt, reopenCount });
    await chat('2026-02-02T11:00:00Z');
    await chat('2026-02-02T10:30:00Z', 1);
    await chat('2026-02-03T10:00:00Z');
    await chat(null);
    const report = await core.metrics.chat({ from: at('2026-02-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z'), teamId: team.id });
    expect(report.resolution).toEqual({ count: 3, p50Seconds: 3_600, p90Seconds: 86_400 });
    expect(report.reopenRate).toBe(0.3333);
  });

  it('keeps the closing history however the status changes: the first close stays, each reopening counts', async () => {
    const id = await data.conversation({ visitorId: await data.visitor(), at: '2026-02-10T10:00:00Z' });
    const history = async () => (await core.sequelize.query<{ first_closed_at: Date | null; reopen_count: number }>('SELECT first_closed_at, reopen_count FROM conversations WHERE id = :id', { replacements: { id }, type: QueryTypes.SELECT }))[0]!;
    const setStatus = (status: string) => core.sequelize.query('UPDATE conversations SET status = :status WHERE id = :id', { replacements: { id, status } });
    await setStatus('closed');
    const firstClose = (await history()).first_closed_at;
    expect(firstClose).toBeInstanceOf(Date);
    await setStatus('open');
    await setStatus('closed');
    await setStatus('closed'); // not a change
    await setStatus('open');
    expect(await history()).toEqual({ first_closed_at: firstClose, reopen_count: 2 });
  });

  it('counts conversations per day and per weekday and hour in the asked time zone', async () => {
    const team = await teams.team('Zones');
    const visitor = await data.visitor();
    await data.conversation({ visitorId: visitor, at: '2026-03-10T23:30:00Z', teamId: team.id }); // Tuesday
    await data.conversation({ visitorId: visitor, at: '2026-03-11T00:30:00Z', teamId: team.id }); // Wednesday in UTC, Tuesday in New York
    const period = { from: at('2026-03-01T00:00:00Z'), to: at('2026-04-01T00:00:00Z'), teamId: team.id };
    const utc = await core.metrics.chat(period);
    expect(utc.byDay).toEqual([{ day: '2026-03-10', conversations: 1 }, { day: '2026-03-11', conversations: 1 }]);
    expect(utc.heatmap).toEqual([{ weekday: 2, hour: 23, conversations: 1 }, { weekday: 3, hour: 0, conversations: 1 }]);
    const newYork = await core.metrics.chat({ ...period, timeZone: 'America/New_York' });
    expect(newYork.byDay).toEqual([{ day: '2026-03-10', conversations: 2 }]);
    expect(newYork.heatmap).toEqual([{ weekday: 2, hour: 19, conversations: 1 }, { weekday: 2, hour: 20, conversations: 1 }]);
  });

  it('gives CSAT per team and per operator, and each operator\'s load', async () => {
    const ann = (await teams.staff('Ann')).user;
    const bob = (await teams.staff('Bob')).user;
    const care = await teams.team('Care', { members: [ann.id, bob.id] });
    const other = await teams.team('Other');
    const visitor = await data.visitor();
    const chat = (teamId: number, assigneeId: number | null, status: 'open' | 'closed' = 'closed') => data.conversation({ visitorId: visitor, at: '2026-04-02T10:00:00Z', teamId, assigneeId, status });
    const rated = [await chat(care.id, ann.id), await chat(care.id, ann.id), await chat(care.id, bob.id), await chat(other.id, bob.id)];
    await data.rating(rated[0]!, visitor, ann.id, 3, '2026-04-03T10:00:00Z');
    await data.rating(rated[1]!, visitor, ann.id, 1, '2026-04-03T10:00:00Z');
    await data.rating(rated[2]!, visitor, bob.id, 3, '2026-04-03T10:00:00Z');
    await data.rating(rated[3]!, visitor, bob.id, 3, '2026-04-03T10:00:00Z');
    await data.rating(await chat(care.id, ann.id), visitor, ann.id, 1, '2026-05-03T10:00:00Z'); // rated after the period
    const open = [await chat(care.id, ann.id, 'open'), await chat(care.id, ann.id, 'open')];
    await data.message(open[0]!, { at: '2026-04-02T10:05:00Z', sender: 'agent', userId: ann.id });
    await data.message(open[0]!, { at: '2026-04-02T10:06:00Z', sender: 'agent', userId: ann.id }); // same conversation: handled once
    await data.message(open[1]!, { at: '2026-04-02T10:07:00Z', sender: 'agent', userId: ann.id });
    await data.message(rated[2]!, { at: '2026-04-02T10:07:00Z', sender: 'agent', userId: bob.id });
    await data.message(rated[3]!, { at: '2026-05-02T10:07:00Z', sender: 'agent', userId: bob.id }); // after the period

    const april = { from: at('2026-04-01T00:00:00Z'), to: at('2026-05-01T00:00:00Z') };
    const report = await core.metrics.chat(april);
    expect(report.csatByTeam.filter((r) => r.id === care.id || r.id === other.id)).toEqual([
      { id: care.id, name: care.name, sad: 1, neutral: 0, happy: 2, csat: 0.6667 },
      { id: other.id, name: other.name, sad: 0, neutral: 0, happy: 1, csat: 1 },
    ]);
    expect(report.csatByOperator).toEqual([
      { id: ann.id, name: 'Ann', sad: 1, neutral: 0, happy: 1, csat: 0.5 },
      { id: bob.id, name: 'Bob', sad: 0, neutral: 0, happy: 2, csat: 1 },
    ]);
    const ofCare = await core.metrics.chat({ ...april, teamId: care.id });
    expect(ofCare.csatByOperator).toEqual([
      { id: ann.id, name: 'Ann', sad: 1, neutral: 0, happy: 1, csat: 0.5 },
      { id: bob.id, name: 'Bob', sad: 0, neutral: 0, happy: 1, csat: 1 },
    ]);
    expect(ofCare.operatorLoad).toEqual([
      { operatorId: ann.id, name: 'Ann', openNow: 2, handled: 2 },
      { operatorId: bob.id, name: 'Bob', openNow: 0, handled: 1 },
    ]);
    expect(core.metrics.tables.chat(ofCare).operatorLoad).toEqual({ columns: ['operatorId', 'name', 'openNow', 'handled'], rows: [[ann.id, 'Ann', 2, 2], [bob.id, 'Bob', 0, 1]] });
  });
});
