import type { APIRoute } from 'astro';
import { IMAGE_LIMITS } from '../../../core/articles/images.ts';
import { apiError } from '../../../site/api/json.ts';
import { BodyTooLargeError, readBodyLimited } from '../../../site/api/read-body.ts';
import { apiGuard } from '../../guard.ts';

/**
 * `POST /admin/api/images` with the image file as the raw body (what the editor sends on paste or drop):
 * → `{ url, width, height }` of the processed WebP, ready to be written into markdown.
 */
export const POST: APIRoute = async ({ locals, request }) => {
  const denied = apiGuard(locals, 'articles.write');
  if (denied) return denied;
  let bytes: Buffer;
  try {
    bytes = await readBodyLimited(request, IMAGE_LIMITS.maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return apiError(413, 'too_large', `The image is ${error.message}; the limit is ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MB.`);
    throw error;
  }
  if (bytes.byteLength === 0) return apiError(400, 'invalid_request', 'Send the image file as the request body.');
  try {
    return Response.json(await locals.core.articles.uploadImage(bytes), { status: 201 });
  } catch (error) {
    if ((error as Error).name === 'ImageRejectedError') return apiError(422, 'image_rejected', `The image was refused: ${(error as Error).message}.`);
    throw error;
  }
};
