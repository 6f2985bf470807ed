import type { RatingScore } from './csat.ts';

/**
 * What a timeline event did, as data (`messages.event`): the widget words it in the visitor's language from
 * this, showing only what a visitor should know — who answers them, not who assigned whom or by which
 * strategy. Operators read the English `body` written beside it. Null for events stored before kinds existed
 * whose text was ambiguous; the widget then shows the body.
 */
export type TimelineEvent =
  /** Someone now answers the visitor: assigned, transferred, claimed or routed to them. */
  | { type: 'assigned'; name: string }
  /** The conversation went back to a team's queue (moved, or unassigned). */
  | { type: 'team' }
  | { type: 'closed' }
  | { type: 'reopened' }
  /** The visitor rated the conversation. */
  | { type: 'rated'; score: RatingScore }
  /** The visitor said an article the answer bot offered helped. */
  | { type: 'bot_helped' }
  /** The visitor asked for a person after the answer bot's offer. */
  | { type: 'bot_escalated' };
