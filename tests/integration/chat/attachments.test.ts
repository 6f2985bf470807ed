import { randomUUID } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { DiskAttachmentStore } from '../../../core/chat/attachment-store.ts';
import { sweepUnsentAttachments } from '../../../core/chat/unsent-attachments.ts';
import { connectClient, request, startChatHarness, type ClientSocket } from '../../support/chat-harness.ts';
import { createTestCore } from '../../support/test-core.ts';

type Ok<T> = { ok: true } & T;

describe('chat attachments', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  let visitor: ClientSocket;
  let visitorId: string;
  let conversationId: number;
  beforeAll(async () => {
    core = await createTestCore();
    harness = await startChatHarness(core);
    visitor = await connectClient(harness.url, '/visitor');
    visitorId = (await visitor.session).visitorId;
    conversationId = (await request<Ok<{ conversation: { id: number } }>>(visitor, 'conversation:start', { clientId: randomUUID(), body: 'see the screenshot' })).conversation.id;
  });
  afterAll(async () => {
    visitor.disconnect();
    await harness.close();
    await core.close();
  });
  const take = (fileName: string, bytes: Buffer, uploader: { kind: 'visitor'; visitorId: string } = { kind: 'visitor', visitorId }) => core.chat.takeAttachment({ conversationId, uploader, fileName, bytes });

  it('re-encodes an image without its metadata, and sends it with a message once', async () => {
    const photo = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#ff0000' } }).jpeg().withMetadata({ exif: { IFD0: { Copyright: 'secret location' } } }).toBuffer();
    const attachment = await take('../../etc/IMG 001.jpg', photo);
    expect(attachment).toMatchObject({ name: 'IMG 001.webp', contentType: 'image/webp', width: 64, height: 32, url: `/api/chat/attachments/${attachment.id}` });
    const stored = await core.chat.openAttachment(attachment.id);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.stream) chunks.push(chunk as Buffer);
    const metadata = await sharp(Buffer.concat(chunks)).metadata();
    expect([metadata.format, metadata.exif]).toEqual(['webp', undefined]);

    const sentClientId = randomUUID();
    const sent = await request<Ok<{ message: { attachments: Array<{ id: string }>; body: string; seq: number } }>>(visitor, 'message:send', { conversationId, clientId: sentClientId, body: '', attachmentIds: [attachment.id] });
    expect(sent.message).toMatchObject({ body: '', attachments: [{ id: attachment.id }] });
    // The ack was lost, the widget sends the same message again: the original ack, nothing new stored.
    const resent = await request<Ok<{ message: { seq: number }; duplicate: boolean }>>(visitor, 'message:send', { conversationId, clientId: sentClientId, body: '', attachmentIds: [attachment.id] });
    expect(resent).toMatchObject({ duplicate: true, message: { seq: sent.message.seq, attachments: [{ id: attachment.id }] } });
    expect(await request(visitor, 'message:send', { conversationId, clientId: randomUUID(), body: 'again', attachmentIds: [attachment.id] })).toEqual({
      ok: false,
      error: { code: 'invalid', message: 'attachmentIds: a file is not yours, not in this conversation, already sent, or was uploaded over a day ago and never sent (attach it again).' },
    });
  });

  it('keeps PDFs and text as they are, and refuses anything else by its bytes, not its name', async () => {
    expect(await take('invoice.pdf', Buffer.from('%PDF-1.7\n…'))).toMatchObject({ name: 'invoice.pdf', contentType: 'application/pdf' });
    expect(await take('notes.txt', Buffer.from('plain words'))).toMatchObject({ contentType: 'text/plain; charset=utf-8' });
    await expect(take('photo.png', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).rejects.toThrow('Only images (PNG, JPEG, WebP, GIF), PDF, ZIP and plain-text files can be sent.');
    await expect(take('empty.txt', Buffer.alloc(0))).rejects.toThrow('The file is empty.');
  });

  it('only lets participants upload into a conversation, and only the uploader send a file', async () => {
    await expect(take('x.txt', Buffer.from('hi'), { kind: 'visitor', visitorId: randomUUID() })).rejects.toThrow('No such conversation.');
    const mine = await take('mine.txt', Buffer.from('mine'));
    const other = await connectClient(harness.url, '/visitor');
    const otherConversation = (await request<Ok<{ conversation: { id: number } }>>(other, 'conversation:start', { clientId: randomUUID(), body: 'hi' })).conversation.id;
    expect(await request(other, 'message:send', { conversationId: otherConversation, clientId: randomUUID(), body: 'stolen', attachmentIds: [mine.id] })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    other.disconnect();
  });

  it('deletes files uploaded and never sent after a day, file and all; sent and recent files stay', async () => {
    const [abandoned, recent, sentLongAgo] = [await take('draft.txt', Buffer.from('draft')), await take('recent.txt', Buffer.from('recent')), await take('sent.txt', Buffer.from('sent'))];
    expect((await request(visitor, 'message:send', { conversationId, clientId: randomUUID(), body: 'here', attachmentIds: [sentLongAgo.id] })).ok).toBe(true);
    await core.sequelize.query("UPDATE chat_attachments SET created_at = now() - interval '25 hours' WHERE id IN (:ids)", { replacements: { ids: [abandoned.id, sentLongAgo.id] } });

    const store = new DiskAttachmentStore(path.join(core.config.dataDir, 'attachments'));
    expect(await sweepUnsentAttachments(core.sequelize, store)).toBe(1);
    expect(await core.chat.openAttachment(abandoned.id)).toBeUndefined();
    expect(await store.open(abandoned.id)).toBeUndefined(); // the bytes are gone from the disk too
    const refused = await request(visitor, 'message:send', { conversationId, clientId: randomUUID(), body: '', attachmentIds: [abandoned.id] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('uploaded over a day ago and never sent (attach it again)') } });
    for (const kept of [recent, sentLongAgo]) expect(await core.chat.openAttachment(kept.id)).toBeDefined();
    expect(await sweepUnsentAttachments(core.sequelize, store)).toBe(0);
  });
});
