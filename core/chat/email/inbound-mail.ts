import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Sequelize } from 'sequelize';
import { Conversation, Visitor } from '../../models/index.ts';
import { MAX_MESSAGE_LENGTH } from '../chat-input.ts';
import { visitorMessage } from '../conversations.ts';
import type { Posted } from '../message-store.ts';
import { findReplyTarget } from './reply-address.ts';
import { replyText } from './reply-text.ts';

/** Why an inbound email was not posted; each is logged, and answered to the sender's server (SMTP 550 / HTTP 422). */
export type InboundRefusal = 'no_reply_address' | 'forged_token' | 'unknown_conversation' | 'not_the_visitor' | 'empty' | 'too_long' | 'duplicate_id';

export class InboundMailRefusedError extends Error {
  override name = 'InboundMailRefusedError';
  readonly reason: InboundRefusal;
  constructor(reason: InboundRefusal, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** An accepted email: the chat message it became (the original one when this email was already posted). */
export interface InboundPosted extends Posted {
  visitorId: string;
}

/**
 * Turns a reply to a chat email into the visitor's next chat message. The recipients must include a reply
 * address whose signature is ours; the sender must be the address the visitor gave — a forwarded email, or
 * someone else who got hold of it, would otherwise write as the visitor. Quotes and signatures are cut
 * (reply-text.ts); attachments are not carried over (the email's text is the message). The Message-ID
 * becomes the message's client id, so a redelivered email is posted once.
 */
export async function receiveInboundMail(sequelize: Sequelize, mailKey: string, raw: Buffer, envelopeRecipients: readonly string[] = []): Promise<InboundPosted> {
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true, skipTextLinks: true });
  const target = findReplyTarget(mailKey, [...envelopeRecipients, ...recipients(mail)]);
  if (target.kind === 'none') throw new InboundMailRefusedError('no_reply_address', 'No reply address of a conversation among the recipients.');
  if (target.kind === 'forged') throw new InboundMailRefusedError('forged_token', `Not a valid reply address: ${target.address}`);
  const conversation = await Conversation.findByPk(target.conversationId, { attributes: ['id', 'visitorId'] });
  if (!conversation) throw new InboundMailRefusedError('unknown_conversation', 'This conversation does not exist.');
  const visitor = await Visitor.findByPk(conversation.visitorId, { attributes: ['id', 'email'] });
  const from = mail.from?.value[0]?.address?.toLowerCase();
  if (!visitor?.email || !from || from !== visitor.email.toLowerCase()) throw new InboundMailRefusedError('not_the_visitor', 'Only the address this conversation was emailed to can reply to it.');
  const body = replyText(mail.text ?? '');
  if (!body) throw new InboundMailRefusedError('empty', 'The reply has no text of its own (only quoted text or a signature).');
  if (body.length > MAX_MESSAGE_LENGTH) throw new InboundMailRefusedError('too_long', `The reply is longer than ${MAX_MESSAGE_LENGTH} characters; send a shorter one.`);
  try {
    const posted = await visitorMessage(sequelize, visitor.id, { conversationId: conversation.id, clientId: clientIdOf(mail, raw), body });
    return { ...posted, visitorId: visitor.id };
  } catch (error) {
    if ((error as { code?: string }).code === 'duplicate_id') throw new InboundMailRefusedError('duplicate_id', 'This Message-ID was already posted into another conversation.');
    throw error;
  }
}

/** Every address the email was sent to, as far as its headers tell (forwarders keep the original in Delivered-To / X-Original-To). */
function recipients(mail: ParsedMail): string[] {
  const lists = [mail.to, mail.cc, mail.bcc].flatMap((field): AddressObject[] => (field === undefined ? [] : Array.isArray(field) ? field : [field]));
  const headed = ['delivered-to', 'x-original-to'].flatMap((name) => {
    const value = mail.headers.get(name);
    return typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  });
  return [...lists.flatMap((list) => list.value.map((a) => a.address ?? '')), ...headed].filter(Boolean);
}

/** A UUID derived from the Message-ID (or, lacking one, from the bytes): the same email always maps to the same message. */
function clientIdOf(mail: ParsedMail, raw: Buffer): string {
  const hex = createHash('sha256').update(mail.messageId ? `message-id:${mail.messageId}` : raw).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
