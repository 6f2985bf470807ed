import { Op, type Transaction } from 'sequelize';
import { Image } from '../../models/index.ts';
import { mediaUrl, parseMediaUrl } from '../images.ts';
import { renderMarkdown, type RenderedArticle } from '../render/markdown.ts';

const MEDIA_URL = /\/media\/([a-f0-9]{32})-\d+\.webp/g;

/**
 * Renders markdown written in the admin: images uploaded there (`/media/<hash>-<w>.webp`) are looked up so
 * they get the same responsive `srcset` and dimensions as imported ones. The editor preview and the saved
 * article both come from here, so the preview is what customers will see.
 */
export async function renderArticleBody(body: string, transaction?: Transaction): Promise<RenderedArticle> {
  const hashes = [...new Set([...body.matchAll(MEDIA_URL)].map((match) => match[1]!))];
  const images = hashes.length > 0 ? await Image.findAll({ where: { hash: { [Op.in]: hashes } }, ...(transaction ? { transaction } : {}) }) : [];
  const byHash = new Map(images.map((image) => [image.hash, image]));
  return renderMarkdown(body, {
    image(src) {
      const image = byHash.get(parseMediaUrl(src)?.hash ?? '');
      return image && { width: image.width, height: image.height, variantWidths: image.variantWidths, urlFor: (width) => mediaUrl(image.hash, width) };
    },
  });
}
