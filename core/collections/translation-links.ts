import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { Collection } from '../models/index.ts';
import { fieldError, localeName } from './collection-rules.ts';

/** A key no other collection has: a collection that is the translation of nothing. */
export function freshTranslationKey(): string {
  return randomUUID();
}

/**
 * Sets which collection is this one's translation in each given locale (null: none). Translations share a
 * `translation_key`: the chosen collection joins this one's key (leaving whatever it was linked to), and
 * the collection it replaces gets a key of its own. Links are symmetric by construction. Returns what
 * changed, for the audit summary; every collection it touches becomes app-managed.
 */
export async function linkTranslations(collection: Collection, translations: Record<string, number | null>, transaction: Transaction): Promise<string[]> {
  const changes: string[] = [];
  for (const [locale, targetId] of Object.entries(translations)) {
    const path = ['translations', locale];
    const language = await localeName(locale, transaction, path);
    if (locale === collection.locale) throw fieldError(path, 'a translation is in another language', targetId);
    const current = await Collection.findOne({ where: { translationKey: collection.translationKey, locale, id: { [Op.ne]: collection.id } }, lock: transaction.LOCK.UPDATE, transaction });
    if ((current?.id ?? null) === targetId) continue;
    const target = targetId === null ? null : await Collection.findByPk(targetId, { lock: transaction.LOCK.UPDATE, transaction });
    if (targetId !== null && target?.locale !== locale) throw fieldError(path, `choose a collection in ${language}`, targetId);
    if (current) {
      await current.update({ translationKey: freshTranslationKey(), sourceKind: 'app' }, { transaction });
      changes.push(`unlinked from “${current.title}” (${locale})`);
    }
    if (target) {
      await target.update({ translationKey: collection.translationKey, sourceKind: 'app' }, { transaction });
      changes.push(`linked to “${target.title}” (${locale})`);
    }
  }
  return changes;
}
