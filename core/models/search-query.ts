import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** One settled search episode of an anonymous visitor session (see search/search-log.ts). */
export class SearchQuery extends Model<InferAttributes<SearchQuery>, InferCreationAttributes<SearchQuery>> {
  declare id: CreationOptional<string>;
  declare sessionId: string;
  /** The help-center visitor (the `deflect_visitor` cookie), so searches join the deflection funnel. */
  declare visitorId: CreationOptional<string | null>;
  declare locale: string;
  declare query: string;
  declare resultCount: number;
  declare clickedArticleId: number | null;
  declare clickedPosition: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SearchQuery.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        sessionId: { type: DataTypes.UUID, allowNull: false },
        visitorId: { type: DataTypes.UUID, allowNull: true, defaultValue: null },
        locale: { type: DataTypes.STRING(8), allowNull: false },
        query: { type: DataTypes.STRING(200), allowNull: false },
        resultCount: { type: DataTypes.INTEGER, allowNull: false },
        clickedArticleId: { type: DataTypes.INTEGER, allowNull: true },
        clickedPosition: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'search_queries', underscored: true },
    );
  }
}
