import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** What one editor typed into one article and has not saved yet (kept until they save or discard it). */
export class ArticleAutosave extends Model<InferAttributes<ArticleAutosave>, InferCreationAttributes<ArticleAutosave>> {
  declare articleId: number;
  declare userId: number;
  /** The article version the editor started from: saving it later is a conflict if that has moved on. */
  declare baseVersion: number;
  declare title: string;
  declare description: string;
  declare body: string;
  declare tags: string[];
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ArticleAutosave.init(
      {
        articleId: { type: DataTypes.INTEGER, primaryKey: true },
        userId: { type: DataTypes.INTEGER, primaryKey: true },
        baseVersion: { type: DataTypes.INTEGER, allowNull: false },
        title: { type: DataTypes.STRING(300), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        body: { type: DataTypes.TEXT, allowNull: false },
        tags: { type: DataTypes.ARRAY(DataTypes.STRING(100)), allowNull: false },
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'article_autosaves', underscored: true, createdAt: false },
    );
  }
}
