import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Role } from './user.ts';

/** An invitation to join the staff with some roles; only the SHA-256 of its token is stored. */
export class Invite extends Model<InferAttributes<Invite>, InferCreationAttributes<Invite>> {
  declare tokenHash: string;
  declare email: string;
  declare roles: Role[];
  declare invitedBy: number | null;
  declare expiresAt: Date;
  declare acceptedAt: Date | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Invite.init(
      {
        tokenHash: { type: DataTypes.CHAR(64), primaryKey: true },
        email: { type: DataTypes.STRING(320), allowNull: false },
        roles: { type: DataTypes.ARRAY(DataTypes.STRING(16)), allowNull: false },
        invitedBy: { type: DataTypes.INTEGER, allowNull: true },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
        acceptedAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'invites', underscored: true, updatedAt: false },
    );
  }
}
