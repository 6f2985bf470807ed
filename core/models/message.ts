import type { ArticleCard } from '../chat/article-cards.ts';
import type { TimelineEvent } from '../chat/timeline-events.ts';
import type { AttachmentView } from '../chat/attachments.ts';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export type MessageSender = 'visitor' | 'agent' | 'system';
/** `note`: internal, between operators only; `event`: assigned, closed, … shown in the timeline. */
export type MessageKind = 'text' | 'note' | 'event';

/** One entry of a conversation's timeline, numbered by `seq` within it; `clientId` is the sender's UUID. */
export class Message extends Model<InferAttributes<Message>, InferCreationAttributes<Message>> {
  declare id: CreationOptional<number>;
  declare conversationId: number;
  declare seq: number;
  declare clientId: string;
  declare sender: MessageSender;
  declare senderUserId: number | null;
  declare kind: MessageKind;
  declare body: string;
  declare attachments: CreationOptional<AttachmentView[]>;
  /** A help-center article sent with the message (operators only), or null. */
  declare card: CreationOptional<ArticleCard | null>;
  /** What a timeline event did, as data (events only; see timeline-events.ts). */
  declare event: CreationOptional<TimelineEvent | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Message.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        conversationId: { type: DataTypes.INTEGER, allowNull: false },
        seq: { type: DataTypes.INTEGER, allowNull: false },
        clientId: { type: DataTypes.UUID, allowNull: false },
        sender: { type: DataTypes.STRING(16), allowNull: false },
        senderUserId: { type: DataTypes.INTEGER, allowNull: true },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        body: { type: DataTypes.TEXT, allowNull: false },
        attachments: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
        card: { type: DataTypes.JSONB, allowNull: true, defaultValue: null },
        event: { type: DataTypes.JSONB, allowNull: true, defaultValue: null },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'messages', underscored: true, updatedAt: false },
    );
  }
}
