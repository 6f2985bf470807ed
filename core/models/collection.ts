import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** A group of articles in one locale; `translationKey` links the same collection across locales. */
export class Collection extends Model<InferAttributes<Collection>, InferCreationAttributes<Collection>> {
  declare id: CreationOptional<number>;
  declare locale: string;
  declare slug: string;
  declare translationKey: string;
  declare title: string;
  declare description: string;
  declare icon: string;
  declare position: number;
  /** 'file': follows its `_collection.yml` at each import; 'app': changed in the admin, which now owns it. */
  declare sourceKind: CreationOptional<'file' | 'app'>;
  /** The folder name its files use for it; null for a collection created in the admin. */
  declare sourceSlug: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Collection.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        locale: { type: DataTypes.STRING(8), allowNull: false },
        slug: { type: DataTypes.STRING(200), allowNull: false },
        translationKey: { type: DataTypes.STRING(200), allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        icon: { type: DataTypes.STRING(16), allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        sourceKind: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'file' },
        sourceSlug: { type: DataTypes.STRING(200), allowNull: true, defaultValue: null },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'collections', underscored: true },
    );
  }
}
