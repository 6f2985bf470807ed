import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import sharp from 'sharp';
import { IMAGE_LIMITS } from '../articles/images.ts';
import { isAttachmentKey, type AttachmentStore } from './attachment-store.ts';
import { ATTACHMENT_MAX_BYTES } from './attachment-limits.ts';
import { ChatRefusedError } from './chat-errors.ts';

export { ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS_PER_MESSAGE } from './attachment-limits.ts';

/** A file as messages carry it; `url` is its capability link. */
export interface AttachmentView {
  id: string;
  name: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  url: string;
}

export type Uploader = { kind: 'visitor'; visitorId: string } | { kind: 'agent'; userId: number };

/** Documents recognised by their first bytes (never by the name or the declared type). */
const DOCUMENTS: Array<{ type: string; extension: string; matches(bytes: Buffer): boolean }> = [
  { type: 'application/pdf', extension: 'pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'application/zip', extension: 'zip', matches: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
  { type: 'text/plain; charset=utf-8', extension: 'txt', matches: (b) => !b.includes(0) && isUtf8(b) },
];

const IMAGE_FORMATS = new Set(['png', 'jpeg', 'webp', 'gif']);

export function attachmentUrl(id: string): string {
  return `/api/chat/attachments/${id}`;
}

/**
 * Takes a file into a conversation. Images (PNG, JPEG, WebP, GIF) are decoded and re-encoded as WebP, which
 * drops every bit of metadata (location, camera) and anything hidden in the original; PDF, ZIP and plain text
 * are kept as they are, recognised by their bytes. Anything else is refused with a message that says what is
 * accepted. Stored under a generated key.
 */
export async function takeAttachment(sequelize: Sequelize, store: AttachmentStore, input: { conversationId: number; uploader: Uploader; fileName: string; bytes: Buffer }): Promise<AttachmentView> {
  const { conversationId, uploader, bytes } = input;
  if (bytes.byteLength === 0) throw new ChatRefusedError('invalid', 'The file is empty.');
  if (bytes.byteLength > ATTACHMENT_MAX_BYTES) throw new ChatRefusedError('invalid', `The file is larger than ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB.`);
  const [conversation] = await sequelize.query<{ visitor_id: string }>('SELECT visitor_id FROM conversations WHERE id = :conversationId', { replacements: { conversationId }, type: QueryTypes.SELECT });
  if (!conversation || (uploader.kind === 'visitor' && conversation.visitor_id !== uploader.visitorId)) throw new ChatRefusedError('not_found', 'No such conversation.');

  const stored = (await asImage(bytes)) ?? asDocument(bytes);
  const baseName = safeFileName(input.fileName).replace(/\.[^.]*$/, '') || 'file';
  const id = randomUUID();
  const view: AttachmentView = { id, name: `${baseName}.${stored.extension}`, contentType: stored.type, size: stored.bytes.byteLength, width: stored.width, height: stored.height, url: attachmentUrl(id) };
  // The row commits only once the file is written: a failed write leaves neither.
  await sequelize.transaction(async (transaction) => {
    await sequelize.query(
      `INSERT INTO chat_attachments (id, conversation_id, uploader, uploader_user_id, file_name, content_type, size, width, height)
       VALUES (:id, :conversationId, :kind, :userId, :name, :contentType, :size, :width, :height)`,
      { replacements: { ...view, conversationId, kind: uploader.kind, userId: uploader.kind === 'agent' ? uploader.userId : null }, transaction },
    );
    await store.put(id, stored.bytes);
  });
  return view;
}

/** The attachments a message may carry: uploaded into this conversation by this sender and not sent yet. */
export async function attachmentsForMessage(sequelize: Sequelize, conversationId: number, uploader: Uploader, ids: string[]): Promise<AttachmentView[]> {
  if (ids.length === 0) return [];
  const rows = await sequelize.query<{ id: string; file_name: string; content_type: string; size: number; width: number | null; height: number | null }>(
    `SELECT id, file_name, content_type, size, width, height FROM chat_attachments
      WHERE id IN (:ids) AND conversation_id = :conversationId AND uploader = :kind AND message_id IS NULL
        AND uploader_user_id IS NOT DISTINCT FROM :userId`,
    { replacements: { ids, conversationId, kind: uploader.kind, userId: uploader.kind === 'agent' ? uploader.userId : null }, type: QueryTypes.SELECT },
  );
  if (rows.length !== new Set(ids).size) throw new ChatRefusedError('invalid', 'attachmentIds: a file is not yours, not in this conversation, already sent, or was uploaded over a day ago and never sent (attach it again).');
  return rows.map((r) => ({ id: r.id, name: r.file_name, contentType: r.content_type, size: r.size, width: r.width, height: r.height, url: attachmentUrl(r.id) }));
}

/** An attachment's stored facts, for the download route. */
export async function findAttachment(sequelize: Sequelize, id: string): Promise<{ name: string; contentType: string } | undefined> {
  if (!isAttachmentKey(id)) return undefined;
  const [row] = await sequelize.query<{ file_name: string; content_type: string }>('SELECT file_name, content_type FROM chat_attachments WHERE id = :id', { replacements: { id }, type: QueryTypes.SELECT });
  return row && { name: row.file_name, contentType: row.content_type };
}

async function asImage(bytes: Buffer) {
  let format: string | undefined;
  let pixels = 0;
  try {
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    format = metadata.format;
    pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  } catch {
    return undefined;
  }
  if (!format || !IMAGE_FORMATS.has(format)) return undefined;
  if (pixels > IMAGE_LIMITS.maxPixels) throw new ChatRefusedError('invalid', `The image is larger than ${IMAGE_LIMITS.maxPixels / 1_000_000} megapixels.`);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: IMAGE_LIMITS.maxPixels, animated: format === 'gif' }).autoOrient().webp({ quality: 85 }).toBuffer({ resolveWithObject: true });
    return { bytes: data, type: 'image/webp', extension: 'webp', width: info.width, height: info.pageHeight ?? info.height };
  } catch {
    throw new ChatRefusedError('invalid', 'The image could not be read.');
  }
}

function asDocument(bytes: Buffer) {
  const document = DOCUMENTS.find((d) => d.matches(bytes));
  if (!document) throw new ChatRefusedError('invalid', 'Only images (PNG, JPEG, WebP, GIF), PDF, ZIP and plain-text files can be sent.');
  return { bytes, type: document.type, extension: document.extension, width: null, height: null };
}

/** The name shown to people: no path, no control characters, at most 200 characters. */
function safeFileName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 180);
}
