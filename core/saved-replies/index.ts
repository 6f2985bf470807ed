import type { Sequelize } from 'sequelize';
import type { StaffView } from '../accounts/index.ts';
import type { SavedReplyView } from './presenters.ts';
import { findSavedReply, listSavedReplies, savedReplyCreator, savedReplyRemover, savedReplyUpdater } from './saved-replies.ts';
import type { SavedReplyFields } from './schemas.ts';

export { SavedReplyRefusedError } from './saved-replies.ts';
export type { SavedReplyView } from './presenters.ts';
export { savedReplyFieldsSchema, type SavedReplyFields } from './schemas.ts';

/** The team's saved replies, as the admin pages and the inbox use them. Every change is audited. */
export interface SavedReplies {
  list(): Promise<SavedReplyView[]>;
  find(id: number): Promise<SavedReplyView | undefined>;
  /** Returns the new reply's id. */
  create(actor: StaffView, fields: SavedReplyFields): Promise<number>;
  update(actor: StaffView, id: number, fields: SavedReplyFields): Promise<void>;
  remove(actor: StaffView, id: number): Promise<void>;
}

export function createSavedReplies(sequelize: Sequelize): SavedReplies {
  return {
    list: listSavedReplies,
    find: findSavedReply,
    create: (actor, fields) => savedReplyCreator(sequelize, actor, fields),
    update: (actor, id, fields) => savedReplyUpdater(sequelize, actor, id, fields),
    remove: (actor, id) => savedReplyRemover(sequelize, actor, id),
  };
}
