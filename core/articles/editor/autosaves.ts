import { ArticleAutosave, Article } from '../../models/index.ts';
import { ArticleEditRefusedError } from './editor-errors.ts';

export interface AutosaveInput {
  baseVersion: number;
  title: string;
  description: string;
  body: string;
  tags: string[];
}

/** Keeps what someone is typing, server-side, so a reload, a crash or another device finds it again. */
export async function putAutosave(userId: number, articleId: number, input: AutosaveInput): Promise<Date> {
  if (!(await Article.count({ where: { id: articleId } }))) throw new ArticleEditRefusedError('This article no longer exists.');
  const [row] = await ArticleAutosave.upsert({ articleId, userId, ...input, updatedAt: new Date() });
  return row.updatedAt;
}

export async function discardAutosave(userId: number, articleId: number): Promise<void> {
  await ArticleAutosave.destroy({ where: { articleId, userId } });
}
