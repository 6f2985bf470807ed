/** Closed list of codes a chat client can get back, with a message for people. */
export type ChatErrorCode = 'invalid' | 'not_found' | 'forbidden' | 'duplicate_id' | 'rate_limited';

/** A request the chat refuses: answered as `{ ok: false, error: { code, message } }`, nothing stored. */
export class ChatRefusedError extends Error {
  override name = 'ChatRefusedError';
  readonly code: ChatErrorCode;
  constructor(code: ChatErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
