import { Image } from '../../models/index.ts';
import { mediaUrl, processImage } from '../images.ts';

/** The width an uploaded image is referenced by in markdown; the renderer adds the other sizes as `srcset`. */
const REFERENCE_WIDTH = 960;

export interface UploadedImage {
  url: string;
  width: number;
  height: number;
}

/**
 * An image pasted or dropped into the editor: decoded and checked by `processImage` (type from bytes, size
 * and pixel limits, metadata stripped, WebP sizes), then recorded so the renderer knows its dimensions.
 */
export async function uploadArticleImage(bytes: Buffer, mediaDir: string): Promise<UploadedImage> {
  const image = await processImage(bytes, mediaDir);
  await Image.findOrCreate({ where: { hash: image.hash }, defaults: image });
  const referenced = image.variantWidths.filter((width) => width <= REFERENCE_WIDTH).at(-1) ?? image.variantWidths[0]!;
  return { url: mediaUrl(image.hash, referenced), width: image.width, height: image.height };
}
