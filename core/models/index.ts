import type { Sequelize } from 'sequelize';
import { Article } from './article.ts';
import { Author } from './author.ts';
import { Collection } from './collection.ts';
import { Image } from './image.ts';
import { Locale } from './locale.ts';
import { SearchQuery } from './search-query.ts';
import { Settings } from './settings.ts';

export { Article, Author, Collection, Image, Locale, SearchQuery, Settings };
export type { ArticleStatus, TocEntry } from './article.ts';

/** Binds every model to the connection and declares the associations, once per process. */
export function initModels(sequelize: Sequelize): void {
  for (const model of [Locale, Settings, Author, Collection, Article, Image, SearchQuery]) model.initModel(sequelize);
  Article.belongsTo(Collection, { as: 'collection', foreignKey: 'collectionId' });
  Article.belongsTo(Author, { as: 'author', foreignKey: 'authorId' });
  Collection.hasMany(Article, { as: 'articles', foreignKey: 'collectionId' });
}
