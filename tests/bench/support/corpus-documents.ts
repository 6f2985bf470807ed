import { copyFile, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareImport } from '../../../core/articles/import/prepare-import.ts';
import { readSourceTree } from '../../../core/articles/import/read-tree.ts';
import { markdownToPlainText } from '../../../core/articles/render/plain-text.ts';
import type { SearchDocument } from '../../../search/engine.ts';

/** The real corpus (CC BY-SA), read from ../shared at run time and never copied into the repository. */
export const corpusDir = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
export const sampleDir = fileURLToPath(new URL('../../../articles/', import.meta.url));

/**
 * Search documents of the sample help center plus the corpus, built by the production import pipeline
 * (without a database), so benchmarks index exactly the text customers search.
 */
export async function loadBenchDocuments(): Promise<SearchDocument[]> {
  // Images are processed into a scratch folder nobody reads; it is removed afterwards.
  const mediaDir = await mkdtemp(path.join(os.tmpdir(), 'deflect-bench-media-'));
  const documents: SearchDocument[] = [];
  try {
    for (const dir of [sampleDir, corpusDir]) {
      const prepared = await prepareImport(await readSourceTree(dir), { locales: ['en', 'ru'], defaultLocale: 'en', mediaDir });
      for (const article of prepared.articles) {
        documents.push({
          id: documents.length + 1,
          locale: article.locale,
          collectionSlug: article.collectionSlug,
          collectionTitle: article.collectionSlug,
          title: article.title,
          headings: article.toc.map((entry) => entry.text),
          tags: article.tags,
          description: article.description,
          body: markdownToPlainText(article.body),
          url: `/${article.locale}/${article.collectionSlug}/${article.slug}`,
        });
      }
    }
  } finally {
    await rm(mediaDir, { recursive: true, force: true });
  }
  return documents;
}

/** The documents repeated `times` times with new ids: a larger help center with the same language. */
export function scaled(documents: SearchDocument[], times: number): SearchDocument[] {
  return Array.from({ length: times }, (_, copy) => documents.map((d) => ({ ...d, id: copy * documents.length + d.id, url: `${d.url}-${copy}` }))).flat();
}

/**
 * The corpus `times` times over in a temporary folder outside the repository (copies named `…--copy-N.md`,
 * `_aux` linked), for importing into a server the same larger help center `scaled` gives in process. The
 * folder's path is the same every run: the importer knows articles by folder and path, so a second run
 * finds them unchanged instead of refusing their slugs as taken by another folder's articles.
 */
export async function scaledCorpusDir(times: number): Promise<string> {
  const dir = path.join(os.tmpdir(), `deflect-bench-corpus-x${times}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  await symlink(path.join(corpusDir, '_aux'), path.join(dir, '_aux'));
  for (const locale of ['en', 'ru']) {
    await mkdir(path.join(dir, locale));
    for (const name of await readdir(path.join(corpusDir, locale))) {
      if (!name.endsWith('.md')) continue;
      for (let copy = 0; copy < times; copy += 1) {
        await copyFile(path.join(corpusDir, locale, name), path.join(dir, locale, copy === 0 ? name : name.replace(/\.md$/, `--copy-${copy}.md`)));
      }
    }
  }
  return dir;
}

/** A deterministic pseudo-random generator (mulberry32), so every run measures the same queries. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
