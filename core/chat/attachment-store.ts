import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Keys are the attachments' UUIDs: nothing else can reach the file system. */
export function isAttachmentKey(key: string): boolean {
  return /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/.test(key);
}

/** Where chat files live. The disk store is the default; another store (S3, …) implements the same three calls. */
export interface AttachmentStore {
  put(key: string, bytes: Buffer): Promise<void>;
  open(key: string): Promise<{ stream: Readable; size: number } | undefined>;
  /** Deletes the file; a file already gone is no error. */
  remove(key: string): Promise<void>;
}

/** Files under `<DATA_DIR>/attachments/<first two characters>/<key>`; keys are generated, never a user's name. */
export class DiskAttachmentStore implements AttachmentStore {
  readonly #root: string;
  constructor(root: string) {
    this.#root = root;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.#path(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { flag: 'wx' });
  }

  async open(key: string): Promise<{ stream: Readable; size: number } | undefined> {
    const file = this.#path(key);
    const info = await stat(file).catch(() => undefined);
    return info ? { stream: createReadStream(file), size: info.size } : undefined;
  }

  async remove(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  #path(key: string): string {
    if (!isAttachmentKey(key)) throw new Error(`not an attachment key: ${key}`);
    return path.join(this.#root, key.slice(0, 2), key);
  }
}
