import type { Sequelize } from 'sequelize';
import type { AuditActor } from '../audit/audit-log.ts';
import type { EventBus } from '../events.ts';
import collectionCreator from './collection-creator.ts';
import { listCollectionsForAdmin, type LocaleCollections } from './collection-list.ts';
import collectionMover from './collection-mover.ts';
import collectionRemover from './collection-remover.ts';
import collectionUpdater from './collection-updater.ts';
import type { CollectionFields, MoveDirection, NewCollection } from './schemas.ts';

export { CollectionChangeRefusedError } from './collection-rules.ts';
export type { CollectionAdminView, LocaleCollections, TranslationView } from './collection-list.ts';
export { collectionFieldsSchema, moveDirectionSchema, newCollectionSchema, type CollectionFields, type MoveDirection, type NewCollection } from './schemas.ts';

/** Collections as staff manage them. Every change is audited and live on the site at the next request. */
export interface Collections {
  list(): Promise<LocaleCollections[]>;
  /** Returns the new collection's id. */
  create(actor: AuditActor, input: NewCollection): Promise<number>;
  update(actor: AuditActor, id: number, input: CollectionFields): Promise<void>;
  /** Returns false when the collection is already first (up) or last (down). */
  move(actor: AuditActor, id: number, direction: MoveDirection): Promise<boolean>;
  remove(actor: AuditActor, id: number): Promise<void>;
}

export function createCollections(sequelize: Sequelize, events: EventBus): Collections {
  return {
    list: listCollectionsForAdmin,
    create: (actor, input) => collectionCreator({ sequelize, events, actor, input }),
    update: (actor, id, input) => collectionUpdater({ sequelize, events, actor, id, input }),
    move: (actor, id, direction) => collectionMover({ sequelize, events, actor, id, direction }),
    remove: (actor, id) => collectionRemover({ sequelize, events, actor, id }),
  };
}
