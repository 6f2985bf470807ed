import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';

const MEDIA_FILE = /^[a-f0-9]{32}-\d{1,5}\.webp$/;

/** Processed images from `<DATA_DIR>/media`. Names are content hashes, so they are cached for a year. */
export const GET: APIRoute = async ({ params, locals }) => {
  const name = params.file ?? '';
  if (!MEDIA_FILE.test(name)) return new Response('Not found', { status: 404 });
  const file = path.join(locals.core.mediaDir, name);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return new Response('Not found', { status: 404 });
  return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream, {
    headers: { 'Content-Type': 'image/webp', 'Content-Length': String(info.size), 'Cache-Control': 'public, max-age=31536000, immutable' },
  });
};
