import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Schedule } from '../hours/index.ts';

/** How a team's new conversations find an owner: a queue operators claim from, or handed out in turn. */
export const ASSIGNMENT_STRATEGIES = ['manual', 'round_robin'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

/** A group of operators with its own queue, assignment rule and business hours (see migration 0019). */
export class Team extends Model<InferAttributes<Team>, InferCreationAttributes<Team>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare strategy: CreationOptional<AssignmentStrategy>;
  /** Open conversations one operator is handed by round robin at most. */
  declare capacity: CreationOptional<number>;
  /** Business hours (checked by `scheduleSchema` before storing); null: always open. */
  declare schedule: CreationOptional<Schedule | null>;
  /** Inside hours, the team still counts as staffed this long after its last operator went away. */
  declare staffedGraceMinutes: CreationOptional<number>;
  declare isDefault: CreationOptional<boolean>;
  /** New conversations are first answered with matching articles (see core/chat/answer-bot.ts). */
  declare answerBot: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Team.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        name: { type: DataTypes.STRING(100), allowNull: false },
        strategy: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'manual' },
        capacity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 3 },
        schedule: { type: DataTypes.JSONB, allowNull: true, defaultValue: null },
        staffedGraceMinutes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 5 },
        isDefault: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        answerBot: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'teams', underscored: true },
    );
  }
}
