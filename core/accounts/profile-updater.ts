import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { AVATAR_WIDTHS, mediaUrl, processImage } from '../articles/images.ts';
import type { EventBus } from '../events.ts';
import { Article, Author, User } from '../models/index.ts';
import { presentStaff, type StaffView } from './presenters.ts';
import { StaffChangeRefusedError } from './staff-management.ts';

export const profileSchema = z.object({
  name: z.string().trim().min(1, 'enter your name').max(200, 'use at most 200 characters'),
});
export type Profile = z.infer<typeof profileSchema>;

export interface ProfileUpdate {
  sequelize: Sequelize;
  events: EventBus;
  mediaDir: string;
  /** The signed-in staff member: a profile is only ever changed by its owner. */
  actor: StaffView;
  profile: Profile;
  /** A new avatar (any image sharp reads), or undefined to keep the current one. */
  avatar?: Buffer;
}

/**
 * Changes a staff member's own name and avatar. The image is checked and converted first (type from its
 * bytes, size and pixel limits, metadata stripped), so a rejected file changes nothing and the previous
 * avatar stays. A user linked to an author passes both on to the author, so article bylines follow: the
 * change commits with its audit entry, then `content.changed` for that author's articles refreshes pages.
 */
export default async function profileUpdater({ sequelize, events, mediaDir, actor, profile, avatar }: ProfileUpdate): Promise<StaffView> {
  const image = avatar ? await processImage(avatar, mediaDir, AVATAR_WIDTHS) : undefined;
  const { staff, bylineArticleIds } = await sequelize.transaction(async (transaction) => {
    const user = await User.findByPk(actor.id, { lock: transaction.LOCK.UPDATE, transaction, rejectOnEmpty: new StaffChangeRefusedError('No such user.') });
    const avatarUrl = image ? mediaUrl(image.hash, image.variantWidths.at(-1)!) : user.avatarUrl;
    const changed = [...(profile.name !== user.name ? ['name'] : []), ...(avatarUrl !== user.avatarUrl ? ['avatar'] : [])];
    if (changed.length === 0) return { staff: presentStaff(user), bylineArticleIds: [] };
    await user.update({ name: profile.name, avatarUrl }, { transaction });
    const author = user.authorId ? await Author.findByPk(user.authorId, { lock: transaction.LOCK.UPDATE, transaction }) : null;
    if (author) await author.update({ name: profile.name, avatarUrl: avatarUrl ?? author.avatarUrl }, { transaction });
    await recordAudit({ actor, action: 'user.profile', target: { type: 'user', id: user.id }, summary: `${user.email} changed their ${changed.join(' and ')}` }, transaction);
    const articles = author ? await Article.findAll({ attributes: ['id'], where: { authorId: author.id }, transaction }) : [];
    return { staff: presentStaff(user), bylineArticleIds: articles.map((a) => a.id) };
  });
  // An empty list would mean "everything changed": send nothing when no byline shows this person.
  if (bylineArticleIds.length > 0) events.emit('content.changed', { articleIds: bylineArticleIds, reason: 'edit' });
  return staff;
}
