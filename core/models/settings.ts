import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** The single row of site-wide settings: branding and the default locale. */
export class Settings extends Model<InferAttributes<Settings>, InferCreationAttributes<Settings>> {
  declare id: CreationOptional<number>;
  declare siteName: string;
  declare logoUrl: string | null;
  declare accentColor: string;
  declare defaultLocale: string;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Settings.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true },
        siteName: { type: DataTypes.STRING(120), allowNull: false },
        logoUrl: { type: DataTypes.STRING(500), allowNull: true },
        accentColor: { type: DataTypes.STRING(7), allowNull: false },
        defaultLocale: { type: DataTypes.STRING(8), allowNull: false },
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'settings', underscored: true },
    );
  }
}
