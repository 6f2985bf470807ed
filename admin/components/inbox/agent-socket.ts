import { io, type Socket } from 'socket.io-client';

/** How long to wait for an ack before showing a message as failed (it is resent on reconnect anyway). */
export const ACK_TIMEOUT_MS = 10_000;

export type AckAnswer<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/**
 * The inbox's connection to `/agent` on this same origin: the browser sends the admin session cookie with
 * the handshake, which is all the server needs. Socket.IO reconnects by itself after a drop; a refused
 * handshake (signed out, role removed) is final until the page asks again.
 */
export function connectAgent(): Socket {
  return io('/agent', { withCredentials: true });
}

/** One request with its ack; a timeout or a lost connection answers as a failure rather than throwing. */
export async function request<T>(socket: Socket, event: string, payload: unknown): Promise<AckAnswer<T>> {
  try {
    return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as AckAnswer<T>;
  } catch {
    return { ok: false, error: { code: 'timeout', message: 'No answer from the server.' } };
  }
}
