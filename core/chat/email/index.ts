import type { Sequelize } from 'sequelize';
import type { Config } from '../../config.ts';
import type { EventBus } from '../../events.ts';
import type { Logger } from '../../logger.ts';
import { issueVisitorToken } from '../visitor-tokens.ts';
import { loadChatSecrets } from '../chat-secrets.ts';
import type { Chat } from '../index.ts';
import { chatMailAddressing, type ChatMailAddressing } from './chat-mail-addressing.ts';
import { InboundMailRefusedError, receiveInboundMail, type InboundPosted } from './inbound-mail.ts';
import { OperatorAlerts } from './operator-alerts.ts';
import { looksLikeReplyAddress } from './reply-address.ts';
import { verifyResumeToken } from './resume-link.ts';
import { emailTranscript } from './transcript.ts';
import { setVisitorEmail } from './visitor-email.ts';
import { VisitorReplyMailer, type VisitorReplyMailerOptions } from './visitor-reply-mailer.ts';

export { InboundMailRefusedError, type InboundRefusal } from './inbound-mail.ts';

/** Chat by email: the visitor's address, transcripts, replies by email, and alerts to absent operators. */
export interface ChatEmail {
  setVisitorEmail(visitorId: string, email: string): Promise<{ email: string; sameEmailVisitors: number }>;
  emailTranscript(visitorId: string, conversationId: number): Promise<{ to: string }>;
  /**
   * Posts a reply to a chat email as the visitor's message and announces it (`chat.message_posted`), or throws
   * `InboundMailRefusedError` (logged) when it is not a valid reply. `envelopeRecipients`: SMTP's RCPT TO.
   */
  receiveInbound(raw: Buffer, envelopeRecipients?: readonly string[]): Promise<InboundPosted>;
  /** Cheap check at SMTP RCPT time: mail to anything but a reply address is refused before its data is read. */
  acceptsRecipient(address: string): boolean;
  /** A resume link's token (see resume-link.ts) → the visitor's chat token and the conversation to open. */
  resume(token: string): Promise<{ visitorId: string; token: string; conversationId: number } | undefined>;
  /** The same chat, emailing absent operators when visitors write and when conversations are assigned. */
  alertingOperators(chat: Chat): Chat;
  /** The worker that emails visitors the replies they have not seen. */
  replyMailer: VisitorReplyMailer;
}

export function createChatEmail(props: { sequelize: Sequelize; config: Config; events: EventBus; logger: Logger; replyMailer?: Partial<VisitorReplyMailerOptions> }): ChatEmail {
  const { sequelize, config, events, logger } = props;
  let keys: ReturnType<typeof loadChatSecrets> | undefined;
  const secrets = () => (keys ??= loadChatSecrets(sequelize));
  // The key lives in the database: read at first use, like the chat's keys.
  let addressed: Promise<ChatMailAddressing> | undefined;
  const addressing = () => (addressed ??= secrets().then(({ mailKey }) => chatMailAddressing(mailKey, config.PUBLIC_URL, config.MAIL_REPLY_DOMAIN)));
  const alerts = new OperatorAlerts({ sequelize, publicUrl: config.PUBLIC_URL, intervalMs: config.OPERATOR_ALERT_INTERVAL_MS });
  const alert = (work: Promise<void>) => void work.catch((error: unknown) => logger.warn({ err: error }, 'operator alert email failed'));

  return {
    setVisitorEmail: (visitorId, email) => setVisitorEmail(sequelize, visitorId, email),
    emailTranscript: async (visitorId, conversationId) => emailTranscript(sequelize, await addressing(), config.PUBLIC_URL, visitorId, conversationId),
    async receiveInbound(raw, envelopeRecipients = []) {
      let posted: InboundPosted;
      try {
        posted = await receiveInboundMail(sequelize, (await secrets()).mailKey, raw, envelopeRecipients);
      } catch (error) {
        if (error instanceof InboundMailRefusedError) logger.warn({ reason: error.reason, recipients: envelopeRecipients.map(withoutSignature) }, `inbound email refused: ${error.message}`);
        throw error;
      }
      if (!posted.duplicate) {
        events.emit('chat.message_posted', { message: posted.message, conversation: posted.conversation, visitorId: posted.visitorId });
        alert(alerts.visitorWrote(posted.message.conversationId, posted.message.body));
      }
      return posted;
    },
    acceptsRecipient: looksLikeReplyAddress,
    async resume(token) {
      const { mailKey, visitorTokenKey } = await secrets();
      const target = verifyResumeToken(mailKey, token);
      return target && { ...issueVisitorToken(visitorTokenKey, target.visitorId), conversationId: target.conversationId };
    },
    alertingOperators: (chat) => ({
      ...chat,
      async startConversation(visitorId, input, answers) {
        const started = await chat.startConversation(visitorId, input, answers);
        // While the answer bot waits for the visitor's answer, nobody is told: they may not need anyone.
        if (started.duplicate || started.conversation.botOutcome === 'offered') return started;
        // Routing may hand it to someone away (a 😞 goes to the article's author): one "assigned to you" tells
        // them; otherwise the operators hear of a visitor waiting when nobody is online.
        const assigneeId = started.routed.at(-1)?.conversation?.assigneeId;
        alert(assigneeId ? alerts.assigned(started.conversation.id, assigneeId, ROUTING) : alerts.visitorWrote(started.conversation.id, started.message.body));
        return started;
      },
      async botAnswer(visitorId, input) {
        const answered = await chat.botAnswer(visitorId, input);
        // "I still need help" is when the team first hears of the conversation: alerted like a new one.
        if (answered.duplicate || input.helped) return answered;
        const assigneeId = answered.conversation.assigneeId;
        alert(assigneeId ? alerts.assigned(answered.conversation.id, assigneeId, ROUTING) : alerts.visitorWrote(answered.conversation.id, answered.question));
        return answered;
      },
      async visitorMessage(visitorId, input) {
        const posted = await chat.visitorMessage(visitorId, input);
        if (!posted.duplicate) alert(alerts.visitorWrote(posted.message.conversationId, posted.message.body));
        return posted;
      },
      async transfer(staff, transfer) {
        const posted = await chat.transfer(staff, transfer);
        if (!posted[0]?.duplicate) alert(alerts.assigned(transfer.conversationId, transfer.assigneeId, staff.id));
        return posted;
      },
      async assign(staff, conversationId, assigneeId) {
        const posted = await chat.assign(staff, conversationId, assigneeId);
        if (assigneeId !== null) alert(alerts.assigned(conversationId, assigneeId, staff.id));
        return posted;
      },
    }),
    replyMailer: new VisitorReplyMailer({
      sequelize,
      addressing,
      publicUrl: config.PUBLIC_URL,
      logger,
      options: { delayMs: config.CHAT_EMAIL_DELAY_MS, pollMs: 5_000, ...props.replyMailer },
    }),
  };
}

/** Who assigns a conversation that routing handed out: no user, so the assignee is always told. */
const ROUTING = 0;

/** A reply address's signature is all it takes to write into that conversation: logs keep only its conversation. */
function withoutSignature(recipient: string): string {
  return recipient.replace(/^(reply\+\d+)-[0-9a-f]+@/i, '$1-…@');
}
