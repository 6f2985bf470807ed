import { findPublishedArticle } from '../articles/published-article.ts';
import { ChatRefusedError } from './chat-errors.ts';

/**
 * A help-center article sent in a chat message: a snapshot of what the operator chose, so the timeline
 * reads the same later. Built on the server from the article itself — a client names only the id.
 */
export interface ArticleCard {
  articleId: number;
  title: string;
  description: string;
  url: string;
  locale: string;
}

/** The card for a published article, or a refusal that says why (drafts and unknown ids alike). */
export async function articleCardFor(articleId: number): Promise<ArticleCard> {
  const article = await findPublishedArticle(articleId);
  if (!article) throw new ChatRefusedError('invalid', `card.articleId: no published article has id ${articleId}.`);
  return { articleId: article.id, title: article.title, description: article.description, url: article.url, locale: article.locale };
}
