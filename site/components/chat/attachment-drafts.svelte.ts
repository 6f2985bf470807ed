import type { AttachmentView } from '../../../core/chat/attachments.ts';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../../core/chat/attachment-limits.ts';
import { UploadError, uploadAttachment } from './attachment-upload.ts';
import { fill, type ChatLabels } from './labels.ts';

/** A file the visitor picked for the next message: uploading, then ready to send with it. */
export interface DraftFile {
  key: string;
  name: string;
  /** A local thumbnail (object URL) for images; null for other files. */
  preview: string | null;
  /** 0–1 while uploading. */
  progress: number;
  /** Set once the server took it: what the message will reference. */
  attachment: AttachmentView | null;
}

/**
 * The files waiting to go out with the next message. Each uploads as soon as it is picked (files can't wait in
 * the durable outbox: localStorage holds text, not files), so by the time the visitor presses Send only ids
 * are left to send — and those are queued like any message. A refused file is dropped from the list with the
 * server's reason in `error`; the text being typed is never touched.
 */
export class AttachmentDrafts {
  files: DraftFile[] = $state([]);
  /** Why the last file was refused, for the alert under the composer; cleared by the next pick. */
  error = $state('');
  readonly #labels: ChatLabels;
  readonly #token: () => string | undefined;

  constructor(labels: ChatLabels, token: () => string | undefined) {
    this.#labels = labels;
    this.#token = token;
  }

  get uploading(): boolean {
    return this.files.some((f) => !f.attachment);
  }

  get ready(): AttachmentView[] {
    return this.files.flatMap((f) => (f.attachment ? [f.attachment] : []));
  }

  /** Takes picked, pasted or dropped files; files need a conversation to upload into. */
  add(picked: readonly File[], conversationId: number | null): void {
    this.error = '';
    if (picked.length === 0) return;
    if (conversationId === null) return void (this.error = this.#labels.attachAfterStart);
    const room = MAX_ATTACHMENTS_PER_MESSAGE - this.files.length;
    if (picked.length > room) this.error = fill(this.#labels.tooManyFiles, { max: String(MAX_ATTACHMENTS_PER_MESSAGE) });
    for (const file of picked.slice(0, Math.max(room, 0))) void this.#upload(file, conversationId);
  }

  remove(key: string): void {
    const file = this.files.find((f) => f.key === key);
    if (file?.preview) URL.revokeObjectURL(file.preview);
    this.files = this.files.filter((f) => f.key !== key);
  }

  /** After sending (or leaving the conversation): the list empties. */
  clear(): void {
    for (const file of this.files) if (file.preview) URL.revokeObjectURL(file.preview);
    this.files = [];
  }

  async #upload(file: File, conversationId: number): Promise<void> {
    const key = crypto.randomUUID();
    this.files.push({ key, name: file.name, preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null, progress: 0, attachment: null });
    const draft = () => this.files.find((f) => f.key === key);
    try {
      const attachment = await uploadAttachment({ file, conversationId, token: this.#token(), fallbackMessage: this.#labels.uploadFailed, onProgress: (fraction) => draft() && (draft()!.progress = fraction) });
      const current = draft();
      if (current) current.attachment = attachment;
    } catch (error) {
      if (!draft()) return; // removed meanwhile
      this.remove(key);
      this.error = `${file.name}: ${error instanceof UploadError ? error.message : this.#labels.uploadFailed}`;
    }
  }
}
