import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** One staff action in the append-only audit log (see core/audit/). */
export class AuditEntry extends Model<InferAttributes<AuditEntry>, InferCreationAttributes<AuditEntry>> {
  declare id: CreationOptional<string>;
  declare actorId: number | null;
  declare actorLabel: string;
  declare action: string;
  declare targetType: string | null;
  declare targetId: string | null;
  declare summary: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    AuditEntry.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        actorId: { type: DataTypes.INTEGER, allowNull: true },
        actorLabel: { type: DataTypes.STRING(320), allowNull: false },
        action: { type: DataTypes.STRING(64), allowNull: false },
        targetType: { type: DataTypes.STRING(32), allowNull: true },
        targetId: { type: DataTypes.STRING(64), allowNull: true },
        summary: { type: DataTypes.TEXT, allowNull: false },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'audit_log', underscored: true, updatedAt: false },
    );
  }
}
