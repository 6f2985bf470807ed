import type { AttachmentView } from '../../../core/chat/attachments.ts';

/** A refusal or failure with the message to show the visitor (the server's own words when it answered). */
export class UploadError extends Error {
  override name = 'UploadError';
}

/**
 * Uploads one file into a conversation (`POST /api/chat/attachments`, see PROTOCOL.md) and reports progress.
 * XMLHttpRequest rather than fetch: only it reports upload progress. Rejects with an `UploadError` carrying
 * the server's message (too large, wrong type…) or `fallbackMessage` when there was no answer to read.
 */
export function uploadAttachment(input: { file: File; conversationId: number; token: string | undefined; fallbackMessage: string; onProgress: (fraction: number) => void }): Promise<AttachmentView> {
  const { file, conversationId, token, fallbackMessage, onProgress } = input;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/chat/attachments?conversationId=${conversationId}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      const body = xhr.response as (AttachmentView & { error?: { message?: string } }) | null;
      if (xhr.status === 201 && body?.id) return resolve(body);
      reject(new UploadError(body?.error?.message ?? fallbackMessage));
    };
    xhr.onerror = () => reject(new UploadError(fallbackMessage));
    xhr.send(file);
  });
}
