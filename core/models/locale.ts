import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** A language the help center is published in (`en`, `ru`). */
export class Locale extends Model<InferAttributes<Locale>, InferCreationAttributes<Locale>> {
  declare code: string;
  declare name: string;
  declare position: number;

  static initModel(sequelize: Sequelize): void {
    Locale.init(
      {
        code: { type: DataTypes.STRING(8), primaryKey: true },
        name: { type: DataTypes.STRING(64), allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'locales', timestamps: false },
    );
  }
}
