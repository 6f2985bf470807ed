import type { MessageView } from '../chat-views.ts';
import { operatorName, type MailedLine } from './visitor-mail-texts.ts';

/** A chat message as an email line: the operator's name (or "the team"), its text and absolute file links. */
export function mailedLine(message: MessageView, publicUrl: string, locale: string | null): MailedLine {
  return {
    from: operatorName(message.senderName, locale),
    body: message.body,
    files: message.attachments.map((file) => `${file.name}: ${publicUrl}${file.url}`),
  };
}
