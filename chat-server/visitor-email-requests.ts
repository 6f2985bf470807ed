import type { Namespace, Socket } from 'socket.io';
import type { ChatEmail } from '../core/chat/email/index.ts';
import { transcriptSchema, visitorEmailSchema } from '../core/chat/email/chat-email-input.ts';
import type { Logger } from '../core/logger.ts';
import { handle } from './acks.ts';

/**
 * `/visitor` requests of the email fallback: `visitor:email` (the address for replies and transcripts) and
 * `conversation:transcript`. The visitor is the one the handshake resolved (see visitor-namespace.ts).
 */
export function registerVisitorEmailRequests(nsp: Namespace, chatEmail: ChatEmail, logger: Logger): void {
  nsp.on('connection', (socket: Socket) => {
    const visitorId = socket.data.visitorId as string;
    socket.on('visitor:email', handle(logger, visitorEmailSchema, async ({ email }) => chatEmail.setVisitorEmail(visitorId, email)));
    socket.on('conversation:transcript', handle(logger, transcriptSchema, async ({ conversationId }) => chatEmail.emailTranscript(visitorId, conversationId)));
  });
}
