import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** A one-time link that creates the first admin. Only its SHA-256 is stored. */
export class SetupToken extends Model<InferAttributes<SetupToken>, InferCreationAttributes<SetupToken>> {
  declare tokenHash: string;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SetupToken.init(
      {
        tokenHash: { type: DataTypes.CHAR(64), primaryKey: true },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
        usedAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'setup_tokens', underscored: true, updatedAt: false },
    );
  }
}
