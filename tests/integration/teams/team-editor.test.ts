import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { TeamChangeRefusedError, teamFieldsSchema, type TeamFields } from '../../../core/teams/index.ts';
import { AuditEntry, Team } from '../../../core/models/index.ts';
import { issuesByField } from '../../../core/validation.ts';
import { teamFixtures } from '../../support/team-fixtures.ts';
import { createTestCore } from '../../support/test-core.ts';

const admin = { id: 0, email: 'root@acme.example' };
const fields = (over: Partial<TeamFields> = {}): TeamFields => ({ name: 'Billing', strategy: 'manual', capacity: 3, staffedGraceMinutes: 5, schedule: null, answerBot: false, ...over });

describe('teams as admins manage them', () => {
  let core: Core;
  let make: ReturnType<typeof teamFixtures>;
  const stored = async () => ({ teams: JSON.stringify(await core.teams.list()), audit: await AuditEntry.count(), map: JSON.stringify(await core.teams.collectionTeams()) });

  beforeAll(async () => {
    core = await createTestCore();
    make = teamFixtures(core);
    admin.id = (await make.staff('Root Admin', ['admin'])).user.id;
  });
  afterAll(() => core.close());

  it('starts with exactly one default team, "Support"', async () => {
    const teams = await core.teams.list();
    expect(teams.filter((t) => t.isDefault).map((t) => t.name)).toEqual(['Support']);
    expect(teams[0]).toMatchObject({ name: 'Support', strategy: 'manual', capacity: 3, schedule: null, staffedGraceMinutes: 5 });
  });

  it('creates, renames and reconfigures a team, each change audited', async () => {
    const id = await core.teams.create(admin, fields({ name: 'Billing' }));
    await core.teams.update(admin, id, fields({ name: 'Billing & Refunds', strategy: 'round_robin', capacity: 5, answerBot: true }));
    const team = (await core.teams.list()).find((t) => t.id === id);
    expect(team).toMatchObject({ name: 'Billing & Refunds', strategy: 'round_robin', capacity: 5, isDefault: false, answerBot: true });
    const audit = await AuditEntry.findAll({ where: { targetType: 'team', targetId: String(id) }, order: [['id', 'ASC']] });
    expect(audit.map((a) => a.action)).toEqual(['team.create', 'team.update']);
    expect(audit[1]!.summary).toBe('Changed team “Billing” (now “Billing & Refunds”): round robin, capacity 5, always open, staffed 5 min after the last operator leaves, answer bot on');
  });

  it('refuses a name another team has (any case), storing nothing', async () => {
    const before = await stored();
    const refused = await core.teams.create(admin, fields({ name: 'support' })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TeamChangeRefusedError);
    expect(refused).toMatchObject({ field: 'name', message: 'another team is already called “support”' });
    expect(await stored()).toEqual(before);
  });

  it('says what is wrong with a schedule, field by field, in the clock’s words', () => {
    const parsed = teamFieldsSchema.safeParse({
      ...fields(),
      capacity: '0',
      schedule: { timeZone: 'Mars/Olympus', weekly: { mon: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '25:00' }] }, closures: [{ from: '2026-02-30' }] },
    });
    expect(parsed.success).toBe(false);
    expect(issuesByField(parsed.error!)).toEqual({
      capacity: 'at least 1',
      'schedule.timeZone': 'Mars/Olympus is not a known time zone: use an IANA name such as Europe/Berlin',
      'schedule.weekly.mon.1.end': '25:00 is not a time of day: use 00:00–24:00',
      'schedule.closures.0.from': '2026-02-30 is not a date in the calendar',
    });
  });

  it('sets members to active operators only; a refused list changes nothing', async () => {
    const id = await core.teams.create(admin, fields({ name: 'Members' }));
    const olga = await make.staff('Olga Operator');
    const andy = await make.staff('Andy Author', ['author']);
    const gone = await make.staff('Gus Gone', ['operator'], { deactivated: true });
    await core.teams.setMembers(admin, id, [olga.user.id, admin.id]);
    const before = await stored();
    for (const bad of [[olga.user.id, andy.user.id], [gone.user.id]]) {
      await expect(core.teams.setMembers(admin, id, bad)).rejects.toMatchObject({ field: 'members', message: 'only active operators can be members' });
    }
    expect(await stored()).toEqual(before);
    expect((await core.teams.list()).find((t) => t.id === id)!.members.map((m) => m.name)).toEqual(['Olga Operator', 'Root Admin']);
    expect(await core.teams.candidates()).not.toContainEqual(expect.objectContaining({ id: andy.user.id }));
  });

  it('marks members as leads, audited; a lead who is not a member is refused and changes nothing', async () => {
    const id = await core.teams.create(admin, fields({ name: 'Led' }));
    const lena = await make.staff('Lena Lead');
    const nick = await make.staff('Nick Member');
    await core.teams.setMembers(admin, id, [lena.user.id, nick.user.id], [lena.user.id]);
    const members = async () => (await core.teams.list()).find((t) => t.id === id)!.members.map((m) => [m.name, m.lead]);
    expect(await members()).toEqual([['Lena Lead', true], ['Nick Member', false]]);
    const audit = await AuditEntry.findOne({ where: { targetType: 'team', targetId: String(id), action: 'team.members' }, order: [['id', 'DESC']], rejectOnEmpty: true });
    expect(audit.summary).toBe('Members of “Led”: Lena Lead (lead), Nick Member');
    const before = await stored();
    await expect(core.teams.setMembers(admin, id, [lena.user.id], [lena.user.id, nick.user.id])).rejects.toMatchObject({ field: 'leads', message: 'a lead must also be a member: tick both' });
    expect(await stored()).toEqual(before);
    await core.teams.setMembers(admin, id, [lena.user.id, nick.user.id], [nick.user.id]);
    expect(await members()).toEqual([['Lena Lead', false], ['Nick Member', true]]);
  });

  it('moves the default: always exactly one', async () => {
    const id = await core.teams.create(admin, fields({ name: 'New Default' }));
    await Promise.all([core.teams.makeDefault(admin, id), core.teams.makeDefault(admin, id)]);
    expect((await Team.findAll({ where: { isDefault: true } })).map((t) => t.id)).toEqual([id]);
    const support = await Team.findOne({ where: { name: 'Support' }, rejectOnEmpty: true });
    await core.teams.makeDefault(admin, support.id);
    expect((await Team.findAll({ where: { isDefault: true } })).map((t) => t.name)).toEqual(['Support']);
  });

  it('maps collections to teams, records only changes, and refuses an unknown team without storing anything', async () => {
    const id = await core.teams.create(admin, fields({ name: 'Mapped' }));
    const collection = await make.collection();
    expect(await core.teams.mapCollections(admin, [{ collectionId: collection.id, teamId: id }])).toBe(1);
    expect(await core.teams.mapCollections(admin, [{ collectionId: collection.id, teamId: id }])).toBe(0);
    expect((await core.teams.collectionTeams()).find((c) => c.collectionId === collection.id)!.teamId).toBe(id);
    const before = await stored();
    await expect(core.teams.mapCollections(admin, [{ collectionId: collection.id, teamId: null }, { collectionId: collection.id + 1000, teamId: id }])).rejects.toThrow('no such collection or team');
    expect(await stored()).toEqual(before);
    await core.teams.mapCollections(admin, [{ collectionId: collection.id, teamId: null }]);
    expect((await core.teams.collectionTeams()).find((c) => c.collectionId === collection.id)!.teamId).toBeNull();
  });
});
