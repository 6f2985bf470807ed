/**
 * Index naming of the Meilisearch adapter: one live index per locale, `<prefix>_articles_<locale>`, and a
 * `<live>_tmp` sibling that exists only while `replaceAll` rebuilds it.
 */

const TMP_SUFFIX = '_tmp';

/**
 * Meilisearch index uids allow only `[A-Za-z0-9_-]`. Case is kept so that `localeOf` gives back the very
 * locale (`pt-BR`) whose settings must be applied; only exotic characters are replaced.
 */
function sanitize(locale: string): string {
  return locale.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Builds and recognizes the index uids of one Deflect installation (one prefix). */
export class IndexNames {
  readonly #base: string;

  constructor(prefix: string) {
    this.#base = `${prefix}_articles_`;
  }

  /** The live index of a locale, e.g. `deflect_articles_ru`. */
  live(locale: string): string {
    return this.#base + sanitize(locale);
  }

  /** The index a rebuild fills before it is swapped with the live one. */
  tmp(locale: string): string {
    return this.live(locale) + TMP_SUFFIX;
  }

  /**
   * The locale of a live index uid of this installation, or undefined for any other index (another prefix,
   * another application sharing the server, or a leftover `_tmp`).
   */
  localeOf(uid: string): string | undefined {
    if (!uid.startsWith(this.#base) || uid.endsWith(TMP_SUFFIX)) return undefined;
    const locale = uid.slice(this.#base.length);
    return locale === '' ? undefined : locale;
  }
}
