import {
  DataTypes,
  Model,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Author } from './author.ts';
import type { Collection } from './collection.ts';

/** One heading of an article's table of contents. */
export interface TocEntry {
  level: 2 | 3;
  id: string;
  text: string;
}

export type ArticleStatus = 'draft' | 'published';

/**
 * A help article in one locale. `body` is the markdown source; `html` and `toc` are its rendering, refreshed
 * whenever the body changes, so pages never render markdown on a request.
 */
export class Article extends Model<InferAttributes<Article>, InferCreationAttributes<Article>> {
  declare id: CreationOptional<number>;
  declare locale: string;
  declare slug: string;
  declare collectionId: ForeignKey<Collection['id']>;
  declare authorId: ForeignKey<Author['id']> | null;
  declare translationKey: string;
  declare title: string;
  declare description: string;
  declare body: string;
  declare html: string;
  declare toc: TocEntry[];
  declare tags: string[];
  declare status: ArticleStatus;
  declare position: number;
  /** Number of the latest saved version (see ArticleVersion). */
  declare version: CreationOptional<number>;
  declare viewCount: CreationOptional<number>;
  declare sourceKind: 'file' | 'app';
  declare sourceRoot: string | null;
  declare sourcePath: string | null;
  declare sourceHash: string | null;
  declare publishedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare collection?: NonAttribute<Collection>;
  declare author?: NonAttribute<Author | null>;

  static initModel(sequelize: Sequelize): void {
    Article.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        locale: { type: DataTypes.STRING(8), allowNull: false },
        slug: { type: DataTypes.STRING(200), allowNull: false },
        translationKey: { type: DataTypes.STRING(300), allowNull: false },
        title: { type: DataTypes.STRING(300), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        body: { type: DataTypes.TEXT, allowNull: false },
        html: { type: DataTypes.TEXT, allowNull: false },
        toc: { type: DataTypes.JSONB, allowNull: false },
        tags: { type: DataTypes.ARRAY(DataTypes.STRING(100)), allowNull: false },
        status: { type: DataTypes.ENUM('draft', 'published'), allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        viewCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        sourceKind: { type: DataTypes.ENUM('file', 'app'), allowNull: false },
        sourceRoot: { type: DataTypes.STRING(500), allowNull: true },
        sourcePath: { type: DataTypes.STRING(500), allowNull: true },
        sourceHash: { type: DataTypes.STRING(64), allowNull: true },
        publishedAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'articles', underscored: true },
    );
  }
}
