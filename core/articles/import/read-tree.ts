import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The raw files of an articles folder, read once so later steps can cross-reference them. */
export interface SourceTree {
  root: string;
  /** Markdown files below the root (files directly in the root — README, LICENSE — are not articles). */
  articleFiles: SourceFile[];
  /** `_collection.yml` files, keyed by the folder that holds them. */
  collectionFiles: SourceFile[];
  /** `authors.yml` at the root, if present. */
  authorsFile?: SourceFile;
  /** `_aux/*` folders: include targets and variables of foreign docs dialects. */
  auxDirs: string[];
}

export interface SourceFile {
  /** Path relative to the root, with forward slashes. */
  relPath: string;
  absPath: string;
  text: string;
}

/** Walks an articles folder. Folders starting with `_` or `.` hold support files, not articles. */
export async function readSourceTree(root: string): Promise<SourceTree> {
  const tree: SourceTree = { root, articleFiles: [], collectionFiles: [], auxDirs: [] };
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const absPath = path.join(entry.parentPath, entry.name);
    const relPath = path.relative(root, absPath).split(path.sep).join('/');
    const segments = relPath.split('/');
    if (entry.isDirectory()) {
      if (segments.length === 2 && segments[0] === '_aux') tree.auxDirs.push(absPath);
      continue;
    }
    if (!entry.isFile() || segments.slice(0, -1).some((segment) => segment.startsWith('_') || segment.startsWith('.'))) continue;
    if (relPath === 'authors.yml') tree.authorsFile = await readSource(root, absPath);
    else if (entry.name === '_collection.yml') tree.collectionFiles.push(await readSource(root, absPath));
    else if (entry.name.endsWith('.md') && segments.length > 1) tree.articleFiles.push(await readSource(root, absPath));
  }
  const byPath = (a: SourceFile, b: SourceFile) => a.relPath.localeCompare(b.relPath);
  tree.articleFiles.sort(byPath);
  tree.collectionFiles.sort(byPath);
  tree.auxDirs.sort();
  return tree;
}

async function readSource(root: string, absPath: string): Promise<SourceFile> {
  return { relPath: path.relative(root, absPath).split(path.sep).join('/'), absPath, text: await readFile(absPath, 'utf8') };
}
