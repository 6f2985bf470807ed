import MarkdownIt, { type MarkdownIt as MarkdownItInstance, type Token } from 'markdown-it';
import markdownItAnchor from 'markdown-it-anchor';
import type { TocEntry } from '../../models/article.ts';
import { slugifyHeading } from './slugify-heading.ts';

/** What the renderer knows about an image it may embed responsively. */
export interface RenderableImage {
  width: number;
  height: number;
  /** Widths of the generated WebP variants, ascending. */
  variantWidths: number[];
  /** URL of the variant of a given width. */
  urlFor(width: number): string;
}

export interface RenderOptions {
  /** Looks up a processed image by the URL written in the markdown; unknown images render as plain `<img>`. */
  image?: (src: string) => RenderableImage | undefined;
}

export interface RenderedArticle {
  html: string;
  toc: TocEntry[];
}

/** Heading ids get a prefix so an article heading can never collide with the page's own ids (`#main`). */
export const HEADING_ID_PREFIX = 'h-';

/** Bumped whenever the output changes, so stored renderings are refreshed on the next import. */
export const RENDERER_VERSION = 1;

/**
 * The one markdown renderer: the help center and the admin editor preview both call `renderMarkdown`, so
 * the preview is exactly what customers see. Raw HTML is off (escaped), links are validated by markdown-it
 * (no `javascript:`/`vbscript:`/`file:`/`data:` except images).
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): RenderedArticle {
  const env: RenderEnv = { options, toc: [] };
  const html = renderer.render(markdown, env);
  return { html, toc: env.toc };
}

// A type alias (not an interface) so it fits markdown-it's index-signature `env` type.
type RenderEnv = {
  options: RenderOptions;
  toc: TocEntry[];
};

const renderer = createRenderer();

function createRenderer(): MarkdownItInstance {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.use(markdownItAnchor, {
    level: [2, 3],
    slugify: (text: string) => HEADING_ID_PREFIX + slugifyHeading(text),
    tabIndex: false,
  });
  // Runs after the anchor rule has given every h2/h3 its id: the table of contents reads them back.
  md.core.ruler.push('collect_toc', (state) => {
    const env = state.env as unknown as RenderEnv;
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open' || (token.tag !== 'h2' && token.tag !== 'h3')) return;
      const id = attr(token, 'id');
      const text = state.tokens[index + 1]?.children?.map((child) => child.content).join('') ?? '';
      if (id) env.toc.push({ level: token.tag === 'h2' ? 2 : 3, id, text });
    });
  });

  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    const token = tokens[i]!;
    const href = attr(token, 'href') ?? '';
    if (/^https?:\/\//i.test(href)) token.attrSet('rel', 'noopener noreferrer nofollow');
    return defaultLinkOpen(tokens, i, options, env, self);
  };

  md.renderer.rules.image = (tokens, i, _options, rawEnv) => {
    const env = rawEnv as unknown as RenderEnv;
    const token = tokens[i]!;
    const src = attr(token, 'src') ?? '';
    const alt = md.utils.escapeHtml(token.content);
    const title = attr(token, 'title');
    const titleAttr = title ? ` title="${md.utils.escapeHtml(title)}"` : '';
    const known = env.options.image?.(src);
    if (!known) return `<img src="${md.utils.escapeHtml(src)}" alt="${alt}"${titleAttr} loading="lazy" decoding="async">`;
    const largest = known.variantWidths.at(-1) ?? known.width;
    const srcset = known.variantWidths.map((width) => `${known.urlFor(width)} ${width}w`).join(', ');
    const height = Math.round((known.height * largest) / known.width);
    return (
      `<img src="${known.urlFor(largest)}" srcset="${srcset}" sizes="(max-width: 760px) 100vw, 720px" ` +
      `width="${largest}" height="${height}" alt="${alt}"${titleAttr} loading="lazy" decoding="async">`
    );
  };

  // Wide tables and code scroll inside their own box; tabindex makes that box reachable by keyboard.
  md.renderer.rules.table_open = () => '<div class="table-scroll" tabindex="0"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
  const defaultFence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, i, options, env, self) =>
    defaultFence(tokens, i, options, env, self).replace(/^<pre>/, '<pre tabindex="0">');
  return md;
}

/** Token attributes are strings in practice; the typings allow numbers too. */
function attr(token: Token, name: string): string | undefined {
  const value = token.attrGet(name);
  return value === null ? undefined : String(value);
}
