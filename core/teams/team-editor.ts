import { QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { recordAudit, type AuditActor } from '../audit/audit-log.ts';
import { Team } from '../models/index.ts';
import { TeamChangeRefusedError } from './team-errors.ts';
import type { CollectionTeam, TeamFields } from './team-schemas.ts';

const STRATEGY_NAMES = { manual: 'manual', round_robin: 'round robin' } as const;

/** A short account of a team's settings for the audit log. */
function describe(fields: TeamFields): string {
  const hours = fields.schedule ? `hours in ${fields.schedule.timeZone}` : 'always open';
  return `${STRATEGY_NAMES[fields.strategy]}, capacity ${fields.capacity}, ${hours}, staffed ${fields.staffedGraceMinutes} min after the last operator leaves, answer bot ${fields.answerBot ? 'on' : 'off'}`;
}

/** A taken name answers next to the name field instead of failing the page. */
async function refuseTakenName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw new TeamChangeRefusedError('name', `another team is already called “${name}”`);
    throw error;
  }
}

async function lockedTeam(teamId: number, transaction: Transaction): Promise<Team> {
  const team = await Team.findByPk(teamId, { transaction, lock: transaction.LOCK.UPDATE });
  if (!team) throw new TeamChangeRefusedError('team', 'no such team');
  return team;
}

/** Creates a team (not the default; see `defaultTeamSetter`). Returns its id. Audited. */
export async function teamCreator(sequelize: Sequelize, actor: AuditActor, fields: TeamFields): Promise<number> {
  return refuseTakenName(fields.name, () =>
    sequelize.transaction(async (transaction) => {
      const team = await Team.create({ ...fields }, { transaction });
      await recordAudit({ actor, action: 'team.create', target: { type: 'team', id: team.id }, summary: `Created team “${team.name}”: ${describe(fields)}` }, transaction);
      return team.id;
    }),
  );
}

/** Renames a team and changes its strategy, capacity, hours and staffed grace. Audited. */
export async function teamUpdater(sequelize: Sequelize, actor: AuditActor, teamId: number, fields: TeamFields): Promise<void> {
  await refuseTakenName(fields.name, () =>
    sequelize.transaction(async (transaction) => {
      const team = await lockedTeam(teamId, transaction);
      const before = team.name;
      await team.update({ ...fields }, { transaction });
      await recordAudit({ actor, action: 'team.update', target: { type: 'team', id: teamId }, summary: `Changed team “${before}”${before !== fields.name ? ` (now “${fields.name}”)` : ''}: ${describe(fields)}` }, transaction);
    }),
  );
}

/**
 * Sets a team's members to exactly these operators, and which of them lead it (leads are alerted about
 * unhappy visitors). Every member must be an active account whose roles include the inbox, and every lead a
 * member; the whole change is refused otherwise. Members keep their place in the round-robin order.
 */
export async function teamMembersSetter(sequelize: Sequelize, actor: AuditActor, teamId: number, userIds: number[], leadIds: number[] = []): Promise<void> {
  const wanted = [...new Set(userIds)];
  const leads = [...new Set(leadIds)];
  if (leads.some((id) => !wanted.includes(id))) throw new TeamChangeRefusedError('leads', 'a lead must also be a member: tick both');
  await sequelize.transaction(async (transaction) => {
    const team = await lockedTeam(teamId, transaction);
    const operators = wanted.length
      ? await sequelize.query<{ id: number; name: string }>(
          "SELECT id, name FROM users WHERE id IN (:wanted) AND deactivated_at IS NULL AND roles && ARRAY['operator', 'admin']::varchar(16)[] FOR SHARE",
          { replacements: { wanted }, type: QueryTypes.SELECT, transaction },
        )
      : [];
    if (operators.length !== wanted.length) throw new TeamChangeRefusedError('members', 'only active operators can be members');
    await sequelize.query('DELETE FROM team_members WHERE team_id = :teamId AND NOT (user_id = ANY(ARRAY[:keep]::int[]))', { replacements: { teamId, keep: wanted.length ? wanted : [0] }, transaction });
    if (wanted.length) {
      await sequelize.query(
        `INSERT INTO team_members (team_id, user_id, lead) SELECT :teamId, id, id = ANY(ARRAY[:leads]::int[]) FROM unnest(ARRAY[:wanted]::int[]) id
           ON CONFLICT (team_id, user_id) DO UPDATE SET lead = EXCLUDED.lead`,
        { replacements: { teamId, wanted, leads: leads.length ? leads : [0] }, transaction },
      );
    }
    const names = operators.map((o) => `${o.name}${leads.includes(o.id) ? ' (lead)' : ''}`).sort().join(', ') || 'nobody';
    await recordAudit({ actor, action: 'team.members', target: { type: 'team', id: teamId }, summary: `Members of “${team.name}”: ${names}` }, transaction);
  });
}

/** Makes a team the default (the one that answers when nothing else does); the previous one stops being it. */
export async function defaultTeamSetter(sequelize: Sequelize, actor: AuditActor, teamId: number): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const team = await lockedTeam(teamId, transaction);
    if (team.isDefault) return;
    // Serialises two admins choosing at once: the partial unique index would refuse the second anyway.
    await sequelize.query('SELECT id FROM teams WHERE is_default FOR UPDATE', { transaction });
    await sequelize.query('UPDATE teams SET is_default = false WHERE is_default', { transaction });
    await team.update({ isDefault: true }, { transaction });
    await recordAudit({ actor, action: 'team.default', target: { type: 'team', id: teamId }, summary: `“${team.name}” is now the default team` }, transaction);
  });
}

/** Which team answers for each collection (null: the default team). Only what changed is stored and audited. */
export async function collectionTeamsSetter(sequelize: Sequelize, actor: AuditActor, map: CollectionTeam[]): Promise<number> {
  return sequelize.transaction(async (transaction) => {
    const current = await sequelize.query<{ collection_id: number; team_id: number }>('SELECT collection_id, team_id FROM collection_teams FOR UPDATE', { type: QueryTypes.SELECT, transaction });
    const before = new Map(current.map((r) => [r.collection_id, r.team_id]));
    const changes = map.filter((entry) => (before.get(entry.collectionId) ?? null) !== entry.teamId);
    for (const { collectionId, teamId } of changes) {
      if (teamId === null) await sequelize.query('DELETE FROM collection_teams WHERE collection_id = :collectionId', { replacements: { collectionId }, transaction });
      else {
        const stored = await sequelize.query(
          `INSERT INTO collection_teams (collection_id, team_id) SELECT c.id, t.id FROM collections c, teams t WHERE c.id = :collectionId AND t.id = :teamId
             ON CONFLICT (collection_id) DO UPDATE SET team_id = EXCLUDED.team_id RETURNING collection_id`,
          { replacements: { collectionId, teamId }, type: QueryTypes.SELECT, transaction },
        );
        if (stored.length === 0) throw new TeamChangeRefusedError(`collection-${collectionId}`, 'no such collection or team');
      }
    }
    if (changes.length === 0) return 0;
    const summary = changes.map((c) => `collection ${c.collectionId} → ${c.teamId === null ? 'default team' : `team ${c.teamId}`}`).join('; ');
    await recordAudit({ actor, action: 'team.collections', summary: `Collection teams: ${summary}` }, transaction);
    return changes.length;
  });
}
