import { Op, type Transaction } from 'sequelize';
import { z } from 'zod';
import { Collection, Locale } from '../models/index.ts';

/** A refused collection change, with a message for the person who tried it. */
export class CollectionChangeRefusedError extends Error {
  override name = 'CollectionChangeRefusedError';
}

/**
 * Paths under `/<locale>/` that site pages own (site/pages/[locale]/search.astro): a collection with such
 * a slug could never be opened.
 */
const RESERVED_SLUGS = new Set(['search']);

/** A problem with one field, raised like a validation error so the form shows it next to that field. */
export function fieldError(path: Array<string | number>, message: string, input?: unknown): z.ZodError {
  return new z.ZodError([{ code: 'custom', path, message, input }]);
}

/** The locale's display name, or a field error when the locale does not exist. */
export async function localeName(code: string, transaction: Transaction, path: string[] = ['locale']): Promise<string> {
  const locale = await Locale.findByPk(code, { transaction });
  if (!locale) throw fieldError(path, 'choose a language of the help center', code);
  return locale.name;
}

/** Refuses a slug that another collection of the locale has, or that a site page owns. */
export async function assertSlugFree(locale: string, slug: string, exceptId: number | undefined, transaction: Transaction): Promise<void> {
  if (RESERVED_SLUGS.has(slug.toLowerCase())) throw fieldError(['slug'], `“${slug}” is the address of a help-center page; choose another slug`, slug);
  const owner = await Collection.findOne({
    where: { locale, slug, ...(exceptId ? { id: { [Op.ne]: exceptId } } : {}) },
    attributes: ['id', 'title'],
    transaction,
  });
  if (owner) throw fieldError(['slug'], `“${slug}” is already used by the collection “${owner.title}” in this language; choose another slug`, slug);
}

/** Loads a collection for a change, locked until the transaction ends. */
export async function lockedCollection(id: number, transaction: Transaction): Promise<Collection> {
  const collection = await Collection.findByPk(id, { lock: transaction.LOCK.UPDATE, transaction });
  if (!collection) throw new CollectionChangeRefusedError('This collection no longer exists.');
  return collection;
}
