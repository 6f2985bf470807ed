import { DataTypes, literal, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * Where a conversation started: the launcher, an article (`reaction: 'sad'` when the visitor opened it from 😞), or a
 * search that found nothing. `page` is the help-center path the visitor was on: routing picks that collection's team.
 */
export type ConversationOrigin = { kind: 'launcher'; page?: string } | { kind: 'article'; articleId: number; reaction?: 'sad' | 'neutral' | 'happy' } | { kind: 'search'; query: string; page?: string };
export type ConversationStatus = 'open' | 'closed';
/** What the answer bot achieved (migration 0022): offered an answer, helped (resolved by article), or handed over. */
export type BotOutcome = 'offered' | 'helped' | 'escalated';

/** One conversation of a visitor with the team. `lastSeq` is the sequence number of its latest message. */
export class Conversation extends Model<InferAttributes<Conversation>, InferCreationAttributes<Conversation>> {
  declare id: CreationOptional<number>;
  declare visitorId: string;
  declare status: CreationOptional<ConversationStatus>;
  declare assigneeId: number | null;
  /** The team whose queue it is in (the database defaults it to the default team). */
  declare teamId: CreationOptional<number>;
  declare origin: ConversationOrigin;
  declare lastSeq: CreationOptional<number>;
  declare visitorSeenSeq: CreationOptional<number>;
  declare agentSeenSeq: CreationOptional<number>;
  declare lastMessageAt: Date | null;
  /** Since when the visitor has been waiting for a reply (null when the team spoke last). */
  declare waitingSince: Date | null;
  /** Put aside by an operator until then (null: not snoozed); a visitor's message clears it. */
  declare snoozedUntil: CreationOptional<Date | null>;
  declare snoozedAt: CreationOptional<Date | null>;
  /** Null: the answer bot didn't act in this conversation. */
  declare botOutcome: CreationOptional<BotOutcome | null>;
  /** When the visitor asked for a person after the answer bot's offer (null: they never did, or no bot). */
  declare humanRequestedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Conversation.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        visitorId: { type: DataTypes.UUID, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'open' },
        assigneeId: { type: DataTypes.INTEGER, allowNull: true },
        // The database's own default (see migration 0019): a conversation created without routing lands in the default team.
        teamId: { type: DataTypes.INTEGER, allowNull: false, defaultValue: literal('default_team_id()') },
        origin: { type: DataTypes.JSONB, allowNull: false },
        lastSeq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        visitorSeenSeq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        agentSeenSeq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        lastMessageAt: { type: DataTypes.DATE, allowNull: true },
        waitingSince: { type: DataTypes.DATE, allowNull: true },
        snoozedUntil: { type: DataTypes.DATE, allowNull: true, defaultValue: null },
        snoozedAt: { type: DataTypes.DATE, allowNull: true, defaultValue: null },
        botOutcome: { type: DataTypes.STRING(16), allowNull: true, defaultValue: null },
        humanRequestedAt: { type: DataTypes.DATE, allowNull: true, defaultValue: null },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'conversations', underscored: true },
    );
  }
}
