/** Errors the editor shows to the person as they are (matched by name: the admin bundle may hold a copy of core). */
export class ArticleEditRefusedError extends Error {
  override name = 'ArticleEditRefusedError';
}

export interface ConflictingVersion {
  number: number;
  editorLabel: string;
  savedAt: Date;
  title: string;
  description: string;
  body: string;
  tags: string[];
}

/** Someone saved the article after this editor opened it: their save is kept, this one is not applied. */
export class ArticleConflictError extends Error {
  override name = 'ArticleConflictError';
  readonly current: ConflictingVersion;
  constructor(current: ConflictingVersion) {
    super(`${current.editorLabel} saved this article (version ${current.number}) while you were editing it.`);
    this.current = current;
  }
}
