import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { Team } from '../models/index.ts';
import { automaticAssigner } from './assignment.ts';
import type { Posted } from './message-store.ts';

/** The key space of the per-operator advisory locks (the two-number form, apart from every other lock). */
const OPERATOR_LOCK_SPACE = 190_001;
/** Conversations handed out per drain; the rest wait for the next one (a close, a login, the timer). */
const DRAIN_BATCH = 100;

interface Candidate {
  id: number;
  name: string;
}

/**
 * The operator who takes a team's next conversation: an online, active member with fewer open conversations
 * than the team's capacity — the least busy first, then the one assigned least recently. The online members
 * are locked first (advisory locks, in id order so two transactions never wait on each other in a circle),
 * held until the caller commits; their load is counted after that, so two transactions (two instances) can
 * never both fill an operator's last free place.
 */
export async function nextInTurn(sequelize: Sequelize, team: Team, transaction: Transaction): Promise<Candidate | undefined> {
  const online = await sequelize.query<{ id: number }>(
    `SELECT u.id FROM team_members m JOIN users u ON u.id = m.user_id
      WHERE m.team_id = :teamId AND u.presence = 'online' AND u.deactivated_at IS NULL AND u.roles && ARRAY['operator', 'admin']::varchar(16)[]
      ORDER BY u.id`,
    { replacements: { teamId: team.id }, type: QueryTypes.SELECT, transaction },
  );
  if (online.length === 0) return undefined;
  for (const { id } of online) await sequelize.query('SELECT pg_advisory_xact_lock(:space, :id)', { replacements: { space: OPERATOR_LOCK_SPACE, id }, transaction });
  // A new statement, a new snapshot: it sees every assignment committed by whoever held these locks before.
  const [chosen] = await sequelize.query<Candidate>(
    `SELECT u.id, u.name FROM team_members m JOIN users u ON u.id = m.user_id
       CROSS JOIN LATERAL (SELECT count(*) AS open FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'open') load
      WHERE m.team_id = :teamId AND u.id IN (:ids) AND load.open < :capacity
      ORDER BY load.open, m.last_assigned_at ASC NULLS FIRST, u.id LIMIT 1`,
    { replacements: { teamId: team.id, ids: online.map((o) => o.id), capacity: team.capacity }, type: QueryTypes.SELECT, transaction },
  );
  return chosen;
}

/** Assigns a conversation (locked by the caller) to the team's next operator in turn; undefined when nobody is free. */
export async function assignInTurn(sequelize: Sequelize, conversationId: number, team: Team, transaction: Transaction): Promise<Posted | undefined> {
  const operator = await nextInTurn(sequelize, team, transaction);
  if (!operator) return undefined;
  await sequelize.query('UPDATE team_members SET last_assigned_at = clock_timestamp() WHERE team_id = :teamId AND user_id = :userId', { replacements: { teamId: team.id, userId: operator.id }, transaction });
  return automaticAssigner(sequelize, { conversationId, assignee: operator, reason: `round robin, ${team.name}` }, transaction);
}

/**
 * Hands waiting conversations of round-robin teams to operators with free places, oldest first: run when
 * an operator comes online or a conversation closes (and on a timer, for anything else that frees a place).
 * Each conversation is taken with `FOR UPDATE SKIP LOCKED` in its own transaction, so drains running at the
 * same time on several instances never assign one conversation twice; a team with nobody free is skipped
 * for the rest of the drain. Returns the assignment events, for the transport to announce.
 */
export async function drainQueues(sequelize: Sequelize): Promise<Posted[]> {
  const assigned: Posted[] = [];
  const full: number[] = [0];
  while (assigned.length < DRAIN_BATCH) {
    const outcome = await sequelize.transaction(async (transaction) => {
      const [waiting] = await sequelize.query<{ id: number; team_id: number }>(
        `SELECT c.id, c.team_id FROM conversations c JOIN teams t ON t.id = c.team_id
          WHERE t.strategy = 'round_robin' AND c.status = 'open' AND c.assignee_id IS NULL
            AND (c.snoozed_until IS NULL OR c.snoozed_until <= now()) AND c.bot_outcome IS DISTINCT FROM 'offered' AND NOT (c.team_id = ANY(ARRAY[:full]::int[]))
          ORDER BY c.created_at, c.id LIMIT 1 FOR UPDATE OF c SKIP LOCKED`,
        { replacements: { full }, type: QueryTypes.SELECT, transaction },
      );
      if (!waiting) return 'done' as const;
      const team = await Team.findByPk(waiting.team_id, { rejectOnEmpty: true, transaction });
      return (await assignInTurn(sequelize, waiting.id, team, transaction)) ?? { full: team.id };
    });
    if (outcome === 'done') break;
    if ('full' in outcome) full.push(outcome.full);
    else assigned.push(outcome);
  }
  return assigned;
}
