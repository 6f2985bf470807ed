import type { Sequelize } from 'sequelize';
import { siteNameFor } from '../../accounts/account-mails.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { Visitor } from '../../models/index.ts';
import { consume } from '../../rate-limiter.ts';
import { ChatRefusedError } from '../chat-errors.ts';
import { visitorConversation } from '../conversations.ts';
import { messagesAfter } from '../message-store.ts';
import type { ChatMailAddressing } from './chat-mail-addressing.ts';
import { mailedLine } from './mailed-lines.ts';
import { transcriptMail } from './visitor-mail-texts.ts';

/** A visitor's address is typed, not proven: a few transcripts an hour, so the chat can't be used to flood someone's inbox. */
const TRANSCRIPTS_PER_HOUR = 5;

/**
 * Emails a visitor their conversation (`conversation:transcript`): what they saw in the chat — their messages
 * and the operators' replies, never an internal note nor a timeline event — to the address they gave.
 */
export async function emailTranscript(sequelize: Sequelize, addressing: ChatMailAddressing, publicUrl: string, visitorId: string, conversationId: number): Promise<{ to: string }> {
  await visitorConversation(visitorId, conversationId);
  const visitor = await Visitor.findByPk(visitorId, { rejectOnEmpty: true });
  if (!visitor.email) throw new ChatRefusedError('invalid', 'email: give your email address first (visitor:email).');
  // Per visitor and per address: new visitors are free to make, so one address must not get more either.
  for (const [key, id] of [['chat-transcript', visitorId], ['chat-transcript-to', visitor.email]] as const) {
    const decision = await consume(key, id, TRANSCRIPTS_PER_HOUR, 3_600);
    if (!decision.allowed) throw new ChatRefusedError('rate_limited', `Too many transcripts: try again in ${decision.retryAfterSeconds} s.`);
  }
  const said = (await messagesAfter(conversationId, 0, 'visitor', 5_000)).filter((m) => m.kind === 'text' && m.sender !== 'system');
  await sequelize.transaction(async (transaction) => {
    const mail = transcriptMail({
      to: visitor.email!,
      replyTo: addressing.replyAddress(conversationId),
      locale: visitor.locale,
      siteName: await siteNameFor(transaction),
      conversationId,
      lines: said.map((m) => ({ ...mailedLine(m, publicUrl, visitor.locale), sender: m.sender as 'visitor' | 'agent', at: m.createdAt })),
      link: addressing.resumeLink({ conversationId, visitorId }),
    });
    await enqueueMail(mail, transaction);
  });
  return { to: visitor.email };
}
