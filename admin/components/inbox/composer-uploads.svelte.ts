import type { AttachmentView } from '../../../core/chat/index.ts';
import { MAX_FILES, uploadAttachment } from './attachment-upload.ts';

/** A file added to the composer: uploading at once, so sending only references it. */
export interface Upload {
  key: string;
  name: string;
  size: number;
  /** A local preview for images (an object URL), released when the file leaves the composer. */
  previewUrl: string | null;
  status: 'uploading' | 'ready' | 'failed';
  view?: AttachmentView;
  error?: string;
}

/**
 * The files of one composer (one conversation): uploaded as soon as they are added (button, paste or drop),
 * shown with a preview, sent by id with the next message. A refused file says why and can be removed.
 */
export class ComposerUploads {
  files: Upload[] = $state([]);
  /** Why the last files could not be added (too many). */
  notice = $state('');
  readonly #conversationId: number;

  constructor(conversationId: number) {
    this.#conversationId = conversationId;
  }

  get uploading(): boolean {
    return this.files.some((f) => f.status === 'uploading');
  }

  get ready(): AttachmentView[] {
    return this.files.flatMap((f) => (f.status === 'ready' && f.view ? [f.view] : []));
  }

  add(files: Iterable<File>): void {
    const room = MAX_FILES - this.files.length;
    const added = [...files];
    this.notice = added.length > room ? `At most ${MAX_FILES} files per message: ${added.length - Math.max(room, 0)} left out.` : '';
    for (const file of added.slice(0, Math.max(room, 0))) void this.#upload(file);
  }

  remove(key: string): void {
    const file = this.files.find((f) => f.key === key);
    if (file?.previewUrl) URL.revokeObjectURL(file.previewUrl);
    this.files = this.files.filter((f) => f.key !== key);
  }

  /** After sending: the files went with the message. */
  clear(): void {
    for (const file of this.files) if (file.previewUrl) URL.revokeObjectURL(file.previewUrl);
    this.files = [];
    this.notice = '';
  }

  async #upload(file: File): Promise<void> {
    const key = crypto.randomUUID();
    const previewUrl = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
    this.files = [...this.files, { key, name: file.name || 'pasted file', size: file.size, previewUrl, status: 'uploading' }];
    const settle = (change: Partial<Upload>) => (this.files = this.files.map((f) => (f.key === key ? { ...f, ...change } : f)));
    try {
      const view = await uploadAttachment(this.#conversationId, file);
      settle({ status: 'ready', view });
    } catch (error) {
      settle({ status: 'failed', error: (error as Error).message });
    }
  }
}
