import type { Sequelize } from 'sequelize';
import { AccessToken } from './access-token.ts';
import { Article } from './article.ts';
import { ArticleAutosave } from './article-autosave.ts';
import { ArticleVersion } from './article-version.ts';
import { AuditEntry } from './audit-entry.ts';
import { Author } from './author.ts';
import { Collection } from './collection.ts';
import { Conversation } from './conversation.ts';
import { Image } from './image.ts';
import { Invite } from './invite.ts';
import { Locale } from './locale.ts';
import { Message } from './message.ts';
import { OutboxMessage } from './outbox-message.ts';
import { PasswordReset } from './password-reset.ts';
import { SearchQuery } from './search-query.ts';
import { SavedReply } from './saved-reply.ts';
import { Session } from './session.ts';
import { Settings } from './settings.ts';
import { SetupToken } from './setup-token.ts';
import { Team } from './team.ts';
import { User } from './user.ts';
import { Visitor } from './visitor.ts';

export { AccessToken, Article, ArticleAutosave, ArticleVersion, AuditEntry, Author, Collection, Conversation, Image, Invite, Locale, Message, OutboxMessage, PasswordReset, SavedReply, SearchQuery, Session, Settings, SetupToken, Team, User, Visitor };
export { ROLES, type Role } from './user.ts';
export type { ArticleStatus, TocEntry } from './article.ts';
export type { VersionSource } from './article-version.ts';
export type { OutboxStatus } from './outbox-message.ts';
export type { BotOutcome, ConversationOrigin, ConversationStatus } from './conversation.ts';
export { ASSIGNMENT_STRATEGIES, type AssignmentStrategy } from './team.ts';
export type { MessageKind, MessageSender } from './message.ts';
export type { VisitorContext } from './visitor.ts';

/** Binds every model to the connection and declares the associations, once per process. */
export function initModels(sequelize: Sequelize): void {
  for (const model of [Locale, Settings, Author, Collection, Article, ArticleVersion, ArticleAutosave, Image, SearchQuery, User, Session, SetupToken, AuditEntry, Invite, OutboxMessage, PasswordReset, Visitor, Team, Conversation, Message, SavedReply, AccessToken]) model.initModel(sequelize);
  Article.belongsTo(Collection, { as: 'collection', foreignKey: 'collectionId' });
  Article.belongsTo(Author, { as: 'author', foreignKey: 'authorId' });
  Collection.hasMany(Article, { as: 'articles', foreignKey: 'collectionId' });
}
