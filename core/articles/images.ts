import { createHash } from 'node:crypto';
import { mkdir, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';

/** Limits that keep a decompression bomb or a huge upload from exhausting memory. */
export const IMAGE_LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 } as const;

/** Widths generated for article images; never upscaled past the original. */
export const ARTICLE_IMAGE_WIDTHS = [480, 960, 1440] as const;
export const AVATAR_WIDTHS = [96, 192] as const;

export interface ProcessedImage {
  hash: string;
  width: number;
  height: number;
  variantWidths: number[];
}

/** Public URL of one generated variant; the file name is content-addressed, so it can be cached forever. */
export function mediaUrl(hash: string, width: number): string {
  return `/media/${hash}-${width}.webp`;
}

/** Reads the hash back from a URL made by `mediaUrl`, or undefined for any other URL. */
export function parseMediaUrl(url: string): { hash: string; width: number } | undefined {
  const match = /^\/media\/([a-f0-9]{32})-(\d+)\.webp$/.exec(url);
  return match ? { hash: match[1]!, width: Number(match[2]) } : undefined;
}

export class ImageRejectedError extends Error {
  override name = 'ImageRejectedError';
}

/**
 * Decodes an image (type detected from its bytes by libvips, not from a file name), strips metadata,
 * and writes WebP variants to `<mediaDir>/<hash>-<width>.webp`. Rejects files over the byte and pixel
 * limits before decoding the pixels.
 */
export async function processImage(input: Buffer, mediaDir: string, widths: readonly number[] = ARTICLE_IMAGE_WIDTHS): Promise<ProcessedImage> {
  if (input.byteLength > IMAGE_LIMITS.maxBytes) throw new ImageRejectedError(`image is larger than ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MB`);
  const decoderOptions = { limitInputPixels: IMAGE_LIMITS.maxPixels, failOn: 'error' } as const;
  let metadata: Metadata;
  try {
    // Reading the header decodes no pixels, so it runs without the pixel limit: with it, an image that is
    // merely too large would be reported as unreadable instead of by the clear check below.
    metadata = await sharp(input, { ...decoderOptions, limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejectedError('not an image that can be read (PNG, JPEG, WebP, GIF, AVIF or TIFF)');
  }
  if (!metadata.width || !metadata.height) throw new ImageRejectedError('image has no dimensions');
  if (metadata.width * metadata.height > IMAGE_LIMITS.maxPixels) throw new ImageRejectedError(`image is larger than ${IMAGE_LIMITS.maxPixels / 1_000_000} megapixels`);

  const hash = createHash('sha256').update(input).update(widths.join(',')).digest('hex').slice(0, 32);
  // EXIF orientations 5–8 are rotated by 90°: the displayed width is the stored height.
  const swapped = (metadata.orientation ?? 1) >= 5;
  const orientedWidth = swapped ? metadata.height : metadata.width;
  const orientedHeight = swapped ? metadata.width : metadata.height;
  const variantWidths = [...new Set(widths.map((width) => Math.min(width, orientedWidth)))].sort((a, b) => a - b);
  await mkdir(mediaDir, { recursive: true });
  for (const width of variantWidths) {
    const file = path.join(mediaDir, `${hash}-${width}.webp`);
    if (await exists(file)) continue;
    try {
      const output = await sharp(input, decoderOptions).autoOrient().resize({ width, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
      await writeFile(file, output);
    } catch (error) {
      throw new ImageRejectedError(`image could not be converted: ${(error as Error).message}`);
    }
  }
  return { hash, width: orientedWidth, height: orientedHeight, variantWidths };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
