import { randomUUID } from 'node:crypto';
import { Op } from 'sequelize';
import { Visitor } from '../models/index.ts';
import type { VerifiedIdentity } from './identity.ts';

export interface VisitorFacts {
  locale?: string | undefined;
  timeZone?: string | undefined;
  context?: Record<string, unknown>;
}

/**
 * The visitor behind a connection: the one the token names (created on first contact), or — when the host
 * site verified an identity — the visitor of that external user, so their history follows them across
 * browsers. Returns the visitor id to use from now on.
 */
export async function resolveVisitor(tokenVisitorId: string, identity: VerifiedIdentity | undefined, facts: VisitorFacts): Promise<string> {
  const values = {
    ...(facts.locale ? { locale: facts.locale } : {}),
    ...(facts.timeZone ? { timeZone: facts.timeZone } : {}),
    ...(facts.context ? { context: facts.context } : {}),
    ...(identity?.name ? { name: identity.name } : {}),
    ...(identity?.email ? { email: identity.email } : {}),
    lastSeenAt: new Date(),
  };
  if (identity) {
    const known = await Visitor.findOne({ where: { externalId: identity.externalId } });
    if (known) {
      await known.update(values);
      return known.id;
    }
  }
  const defaults = { externalId: identity?.externalId ?? null, name: null, email: null, locale: null, timeZone: null, context: {}, ...values };
  const [visitor, created] = await Visitor.findOrCreate({ where: { id: tokenVisitorId }, defaults: { id: tokenVisitorId, ...defaults } });
  if (created) return visitor.id;
  // The browser's token belongs to someone the host site identified as another user (a shared computer):
  // this person starts fresh instead of reading that user's history.
  if (visitor.externalId && visitor.externalId !== identity?.externalId && identity) {
    return (await Visitor.create({ id: randomUUID(), ...defaults })).id;
  }
  await visitor.update({ ...values, ...(identity && !visitor.externalId ? { externalId: identity.externalId } : {}) });
  return visitor.id;
}

/**
 * The help-center cookie's visitor, when a widget without a token may become them: not someone a host site
 * identified. Their history is reached by their verified identity or their own token only — a cookie left in a
 * shared browser after they logged out of the host site must not open it to the next person.
 */
export async function adoptableCookieVisitor(cookieVisitorId: string | undefined): Promise<string | undefined> {
  if (!cookieVisitorId) return undefined;
  const identified = await Visitor.count({ where: { id: cookieVisitorId, externalId: { [Op.ne]: null } } });
  return identified ? undefined : cookieVisitorId;
}
