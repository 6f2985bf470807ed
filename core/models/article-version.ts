import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export type VersionSource = 'import' | 'editor' | 'restore';

/** One saved state of an article's content: who saved it, when, and how (editor, import or restore). */
export class ArticleVersion extends Model<InferAttributes<ArticleVersion>, InferCreationAttributes<ArticleVersion>> {
  declare id: CreationOptional<number>;
  declare articleId: number;
  declare number: number;
  declare title: string;
  declare description: string;
  declare body: string;
  declare tags: string[];
  declare editorId: number | null;
  declare editorLabel: string;
  declare source: VersionSource;
  declare restoredFrom: number | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ArticleVersion.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        articleId: { type: DataTypes.INTEGER, allowNull: false },
        number: { type: DataTypes.INTEGER, allowNull: false },
        title: { type: DataTypes.STRING(300), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        body: { type: DataTypes.TEXT, allowNull: false },
        tags: { type: DataTypes.ARRAY(DataTypes.STRING(100)), allowNull: false },
        editorId: { type: DataTypes.INTEGER, allowNull: true },
        editorLabel: { type: DataTypes.STRING(320), allowNull: false },
        source: { type: DataTypes.STRING(16), allowNull: false },
        restoredFrom: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'article_versions', underscored: true, updatedAt: false },
    );
  }
}
