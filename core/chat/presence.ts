import { QueryTypes, type Sequelize } from 'sequelize';

export type Presence = 'online' | 'away' | 'offline';

/** Sets an operator's presence; returns true when it changed (so the change is announced once). */
export async function setPresence(sequelize: Sequelize, userId: number, presence: Presence): Promise<boolean> {
  const changed = await sequelize.query(
    'UPDATE users SET presence = :presence, presence_changed_at = now() WHERE id = :userId AND presence <> :presence RETURNING id',
    { replacements: { userId, presence }, type: QueryTypes.SELECT },
  );
  return changed.length > 0;
}

/** Every operator-capable account's presence, for the inbox. */
export async function listPresence(sequelize: Sequelize): Promise<Array<{ userId: number; name: string; presence: Presence }>> {
  const rows = await sequelize.query<{ id: number; name: string; presence: Presence }>(
    "SELECT id, name, presence FROM users WHERE deactivated_at IS NULL AND roles && ARRAY['operator', 'admin']::varchar(16)[] ORDER BY name",
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ userId: r.id, name: r.name, presence: r.presence }));
}
