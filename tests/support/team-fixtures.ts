import { randomUUID } from 'node:crypto';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import type { Core } from '../../core/app.ts';
import { Article, Author, Collection, Session, Team, User, type Role } from '../../core/models/index.ts';

/** Builders for routing tests: real rows in the test database, with only what a test cares about to write. */
export function teamFixtures(core: Core) {
  let n = 0;
  const unique = () => `${Date.now().toString(36)}${(n += 1)}`;
  return {
    /** A staff account with a session cookie (for `/agent`). */
    async staff(name: string, roles: Role[] = ['operator'], extra: { authorId?: number; deactivated?: boolean } = {}) {
      const user = await User.create({ email: `${name.toLowerCase().replace(/\W+/g, '.')}.${unique()}@acme.example`, name, passwordHash: null, roles, authorId: extra.authorId ?? null, deactivatedAt: extra.deactivated ? new Date() : null });
      const token = randomToken();
      await Session.create({ idHash: tokenHash(token), userId: user.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
      return { user, cookie: `deflect_session=${token}` };
    },
    async author(name: string) {
      return Author.create({ name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${unique()}@acme.example`, avatarUrl: null });
    },
    async collection(slug = `billing-${unique()}`, locale = 'en') {
      return Collection.create({ locale, slug, translationKey: slug, title: slug, description: '', icon: '📁', position: 100 + n });
    },
    async article(collection: Collection, authorId: number | null) {
      const slug = `article-${unique()}`;
      return Article.create({ locale: collection.locale, slug, collectionId: collection.id, authorId, translationKey: slug, title: `About ${slug}`, description: '', body: 'x', html: '<p>x</p>', toc: [], tags: [], status: 'published', position: 1, sourceKind: 'app', sourceRoot: null, sourcePath: null, sourceHash: null, publishedAt: new Date() });
    },
    async team(name: string, settings: { strategy?: 'manual' | 'round_robin'; capacity?: number; members?: number[]; collections?: Collection[] } = {}) {
      const team = await Team.create({ name: `${name} ${unique()}`, strategy: settings.strategy ?? 'manual', capacity: settings.capacity ?? 3 });
      for (const userId of settings.members ?? []) await core.sequelize.query('INSERT INTO team_members (team_id, user_id) VALUES (:teamId, :userId)', { replacements: { teamId: team.id, userId } });
      for (const collection of settings.collections ?? []) await core.sequelize.query('INSERT INTO collection_teams (collection_id, team_id) VALUES (:c, :t)', { replacements: { c: collection.id, t: team.id } });
      return team;
    },
    /** A visitor as the widget's handshake creates one. */
    async visitor() {
      return (await core.chat.connectVisitor({ facts: {} })).visitorId;
    },
    clientId: () => randomUUID(),
  };
}
