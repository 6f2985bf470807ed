import type { AttachmentView } from '../../../core/chat/index.ts';

/** How many files one message may carry (the server's limit too). */
export const MAX_FILES = 5;

/**
 * Uploads one file into a conversation (`POST /api/chat/attachments`, the raw file as the body); the admin
 * session cookie authenticates the operator, same-origin. Resolves with the stored file, or throws an Error
 * whose message is the server's reason (too large, a type that is not accepted…).
 */
export async function uploadAttachment(conversationId: number, file: File): Promise<AttachmentView> {
  let response: Response;
  try {
    response = await fetch(`/api/chat/attachments?conversationId=${conversationId}`, {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    });
  } catch {
    throw new Error('No connection to the server.');
  }
  const answer = (await response.json().catch(() => ({}))) as AttachmentView | { error?: { message?: string } };
  if (response.status !== 201) throw new Error(('error' in answer && answer.error?.message) || `Upload failed (${response.status}).`);
  return answer as AttachmentView;
}
