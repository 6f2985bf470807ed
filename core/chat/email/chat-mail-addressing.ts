import { replyAddress } from './reply-address.ts';
import { resumeLink } from './resume-link.ts';

/** Where chat emails send people: the conversation's reply address and the link back into the chat. */
export interface ChatMailAddressing {
  replyAddress(conversationId: number): string;
  resumeLink(target: { conversationId: number; visitorId: string }): string;
}

export function chatMailAddressing(mailKey: string, publicUrl: string, replyDomain: string): ChatMailAddressing {
  return {
    replyAddress: (conversationId) => replyAddress(mailKey, conversationId, replyDomain),
    // The help center's home: it opens in the visitor's language, and the widget finds the fragment there.
    resumeLink: (target) => resumeLink(mailKey, `${publicUrl}/`, target),
  };
}
