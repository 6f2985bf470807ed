import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { WidgetMode } from '../widget/widget-modes.ts';

/** The single row of site-wide settings: branding, the default locale and the widget's mode. */
export class Settings extends Model<InferAttributes<Settings>, InferCreationAttributes<Settings>> {
  declare id: CreationOptional<number>;
  declare siteName: string;
  declare logoUrl: string | null;
  declare accentColor: string;
  declare defaultLocale: string;
  declare widgetMode: CreationOptional<WidgetMode>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Settings.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true },
        siteName: { type: DataTypes.STRING(120), allowNull: false },
        logoUrl: { type: DataTypes.STRING(500), allowNull: true },
        accentColor: { type: DataTypes.STRING(7), allowNull: false },
        defaultLocale: { type: DataTypes.STRING(8), allowNull: false },
        widgetMode: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'chat_articles' },
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'settings', underscored: true },
    );
  }
}
