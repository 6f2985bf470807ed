import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** What the widget tells about the visitor's browsing (latest values). */
export interface VisitorContext {
  page?: string;
  pages?: string[];
  entryPage?: string;
  referrer?: string;
  userAgent?: string;
}

/** A help-center visitor who chats: anonymous (a signed token) or identified by the host site. */
export class Visitor extends Model<InferAttributes<Visitor>, InferCreationAttributes<Visitor>> {
  declare id: string;
  /** The host site's user id, when it verified the visitor's identity. */
  declare externalId: string | null;
  declare name: string | null;
  declare email: string | null;
  declare locale: string | null;
  declare timeZone: string | null;
  declare context: VisitorContext;
  declare lastSeenAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Visitor.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        externalId: { type: DataTypes.STRING(200), allowNull: true },
        name: { type: DataTypes.STRING(200), allowNull: true },
        email: { type: DataTypes.STRING(320), allowNull: true },
        locale: { type: DataTypes.STRING(8), allowNull: true },
        timeZone: { type: DataTypes.STRING(64), allowNull: true },
        context: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        lastSeenAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'visitors', underscored: true },
    );
  }
}
