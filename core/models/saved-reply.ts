import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** A reply the team saved to send again: `/shortcut` in the composer inserts its body. */
export class SavedReply extends Model<InferAttributes<SavedReply>, InferCreationAttributes<SavedReply>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare shortcut: string;
  declare body: string;
  declare createdById: number | null;
  declare updatedById: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SavedReply.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        title: { type: DataTypes.STRING(200), allowNull: false },
        shortcut: { type: DataTypes.STRING(50), allowNull: false },
        body: { type: DataTypes.TEXT, allowNull: false },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        updatedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'saved_replies', underscored: true },
    );
  }
}
