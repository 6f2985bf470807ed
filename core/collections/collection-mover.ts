import type { Sequelize } from 'sequelize';
import { recordAudit, type AuditActor } from '../audit/audit-log.ts';
import type { EventBus } from '../events.ts';
import { lockedCollection } from './collection-rules.ts';
import { collectionsInOrder, lockLocaleOrder, rewritePositions } from './collection-order.ts';
import type { MoveDirection } from './schemas.ts';

/**
 * Moves a collection one place up or down in its language's order; every position of that language is
 * rewritten in the same transaction (with the audit entry), so the order has no ties or gaps afterwards.
 * Moving the first up or the last down changes nothing and records nothing. Returns whether it moved.
 */
export default async function collectionMover(props: { sequelize: Sequelize; events: EventBus; actor: AuditActor; id: number; direction: MoveDirection }): Promise<boolean> {
  const { sequelize, events, actor, id, direction } = props;
  const moved = await sequelize.transaction(async (transaction) => {
    const collection = await lockedCollection(id, transaction);
    await lockLocaleOrder(collection.locale, transaction);
    const ordered = await collectionsInOrder(collection.locale, transaction);
    const from = ordered.findIndex((c) => c.id === id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= ordered.length) return false;
    [ordered[from], ordered[to]] = [ordered[to]!, ordered[from]!];
    await rewritePositions(ordered, transaction);
    const summary = `Moved “${collection.title}” (${collection.locale}) ${direction} to ${to + 1} of ${ordered.length}`;
    await recordAudit({ actor, action: 'collection.reorder', target: { type: 'collection', id }, summary }, transaction);
    return true;
  });
  if (moved) events.emit('content.changed', { articleIds: [], reason: 'edit' });
  return moved;
}
