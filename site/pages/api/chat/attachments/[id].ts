import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';

/**
 * `GET /api/chat/attachments/:id`: the file. Its random id is the capability (it is only ever sent to the
 * conversation's participants). Images show inline; anything else downloads (`Content-Disposition:
 * attachment`), is never sniffed as another type, and runs nothing even if opened (`sandbox`).
 */
export const GET: APIRoute = async ({ locals, params }) => {
  const file = await locals.core.chat.openAttachment(params.id ?? '');
  if (!file) return new Response('Not found', { status: 404 });
  const inline = file.contentType.startsWith('image/');
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=31536000, immutable',
    },
  });
};
