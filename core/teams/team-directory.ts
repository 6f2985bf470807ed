import { QueryTypes, type Sequelize } from 'sequelize';
import { Team } from '../models/index.ts';
import { presentTeam, type InboxTeamView, type TeamView } from './team-views.ts';

/** Every team, the default first, then by name, with its members. */
export async function listTeams(sequelize: Sequelize): Promise<TeamView[]> {
  const teams = await Team.findAll({ order: [['isDefault', 'DESC'], ['name', 'ASC']] });
  const members = await sequelize.query<{ team_id: number; user_id: number; name: string; lead: boolean }>(
    'SELECT m.team_id, m.user_id, u.name, m.lead FROM team_members m JOIN users u ON u.id = m.user_id ORDER BY u.name',
    { type: QueryTypes.SELECT },
  );
  return teams.map((team) => presentTeam(team, members.filter((m) => m.team_id === team.id).map((m) => ({ userId: m.user_id, name: m.name, lead: m.lead }))));
}

/** People who may be team members: active accounts whose roles include the inbox. */
export async function listTeamCandidates(sequelize: Sequelize): Promise<Array<{ id: number; name: string; email: string }>> {
  return sequelize.query<{ id: number; name: string; email: string }>(
    "SELECT id, name, email FROM users WHERE deactivated_at IS NULL AND roles && ARRAY['operator', 'admin']::varchar(16)[] ORDER BY name",
    { type: QueryTypes.SELECT },
  );
}

/** Every collection with the team that answers for it (null: the default team), in the site's order. */
export async function listCollectionTeams(sequelize: Sequelize): Promise<Array<{ collectionId: number; locale: string; title: string; teamId: number | null }>> {
  const rows = await sequelize.query<{ id: number; locale: string; title: string; team_id: number | null }>(
    'SELECT c.id, c.locale, c.title, ct.team_id FROM collections c LEFT JOIN collection_teams ct ON ct.collection_id = c.id ORDER BY c.locale, c.position, c.id',
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ collectionId: r.id, locale: r.locale, title: r.title, teamId: r.team_id }));
}

/** The teams as one operator's inbox sees them. */
export async function listInboxTeams(sequelize: Sequelize, userId: number): Promise<InboxTeamView[]> {
  return sequelize.query<InboxTeamView>(
    `SELECT t.id, t.name, EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.user_id = :userId) AS mine
       FROM teams t ORDER BY t.is_default DESC, t.name`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
}
