import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export const ROLES = ['admin', 'author', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** A staff member: admin, author and/or operator. Customers are never users. */
export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare email: string;
  declare name: string;
  declare passwordHash: string | null;
  declare roles: Role[];
  declare authorId: number | null;
  /** URL of the processed avatar (see core/accounts/profile-updater.ts), or null. */
  declare avatarUrl: CreationOptional<string | null>;
  declare deactivatedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    User.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        email: { type: DataTypes.STRING(320), allowNull: false, unique: true },
        name: { type: DataTypes.STRING(200), allowNull: false },
        passwordHash: { type: DataTypes.TEXT, allowNull: true },
        // varchar[] checked against ROLES in the database (see migration 0003).
        roles: { type: DataTypes.ARRAY(DataTypes.STRING(16)), allowNull: false },
        authorId: { type: DataTypes.INTEGER, allowNull: true },
        avatarUrl: { type: DataTypes.STRING(500), allowNull: true, defaultValue: null },
        deactivatedAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'users', underscored: true },
    );
  }
}
