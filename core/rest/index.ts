import { listStaff } from '../accounts/staff-management.ts';
import { listCollectionsForAdmin } from '../collections/collection-list.ts';
import type { ConversationView, MessageView } from '../chat/chat-views.ts';
import { findRestArticle, listArticlePage, type ArticlePageQuery } from './article-pages.ts';
import { findConversation, listConversationPage, listMessagePage, type ConversationPageQuery } from './conversation-pages.ts';
import { presentRestCollection, presentRestUser, type RestArticle, type RestArticleWithBody, type RestCollection, type RestUser } from './rest-views.ts';

export type { ArticlePageQuery } from './article-pages.ts';
export type { ConversationPageQuery } from './conversation-pages.ts';
export type { RestArticle, RestArticleWithBody, RestCollection, RestUser } from './rest-views.ts';

/**
 * What the REST API (/api/v1) reads, paged for programs rather than screens. Writes go through the same
 * domain commands the admin uses (`core.articles.create/save`), so the API can't skip their rules.
 */
export interface RestReads {
  collections(): Promise<RestCollection[]>;
  articles(query: ArticlePageQuery): Promise<{ data: RestArticle[]; nextCursor: string | null }>;
  article(id: number): Promise<RestArticleWithBody | undefined>;
  conversations(query: ConversationPageQuery): Promise<{ data: ConversationView[]; nextCursor: string | null }>;
  conversation(id: number): Promise<ConversationView | undefined>;
  messages(conversationId: number, query: { after: number; limit: number; includeNotes: boolean }): Promise<{ data: MessageView[]; nextAfter: number | null }>;
  users(): Promise<RestUser[]>;
}

export function createRestReads(): RestReads {
  return {
    collections: async () => (await listCollectionsForAdmin()).flatMap((locale) => locale.collections.map(presentRestCollection)),
    articles: listArticlePage,
    article: findRestArticle,
    conversations: listConversationPage,
    conversation: findConversation,
    messages: listMessagePage,
    users: async () => (await listStaff()).map(presentRestUser),
  };
}
