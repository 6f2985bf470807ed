/**
 * `{linkto(target)[text=Label]}` → `[Label](url)`. Targets are article paths without `.md`, relative to
 * the file that contains the link, or absolute as `/en/...` (meaning `docs/en/...`), optionally with
 * `#anchor`; `#anchor` alone points into the same page; `https://...` is external.
 */
import { posix } from 'node:path';
import { replaceDirectives } from './scan.ts';

/** What link resolution needs besides the text. */
export interface LinkEnv {
  /** Source path of the file the links were written in. */
  basePath: string;
  /**
   * Tried when `basePath` gives an unknown article: include files in the corpus write their links
   * relative to the article that includes them, as the original engine spliced text before linking.
   */
  fallbackBasePath?: string;
  resolveLink(resolvedSourcePath: string): string | undefined;
  report(problem: string): void;
  /** Label for `%text`/missing labels of same-page links (heading text by id). */
  headingText?: ReadonlyMap<string, string>;
  /** Value of `%number` for same-page links (caption number by caption id). */
  captionNumber?: ReadonlyMap<string, string>;
}

/** Which links to resolve now: links to articles depend on the file, same-page ones on the whole page. */
export type LinkScope = 'articles' | 'same-page';

/**
 * Resolves `{linkto}` directives of one scope. A few hand-written links in the corpus are malformed
 * (`{linkto(#a[text=L]})`, `{linkto(../x#a)` with no closing brace); a lenient second pass reads those.
 */
export function resolveLinks(text: string, env: LinkEnv, scope: LinkScope): string {
  const inScope = (target: string): boolean => target.startsWith('#') === (scope === 'same-page');
  const strict = replaceDirectives(
    text,
    (t) => t.name === 'linkto' && !t.closing && t.args !== undefined && inScope(t.args.trim()),
    (t) => linkMarkdown((t.args ?? '').trim(), labelFrom(t.params), env),
  );
  return strict.replace(LENIENT, (whole, target: string, label: string | undefined) =>
    inScope(target) ? linkMarkdown(target, label, env) : whole,
  );
}

/** Resolves a path written in the dialect against the file it appears in. */
export function resolveSourcePath(basePath: string, target: string): string {
  const joined = target.startsWith('/') ? `docs${target}` : posix.join(posix.dirname(basePath), target);
  return posix.normalize(joined);
}

// `{linkto(` target, then optionally `)`, `[text=Label]` or `[Label]`, `}` and a stray `)`.
const LENIENT = /\{linkto\(([^()[\]\s{}]+)(?:\)?\[(?:text=)?([^\]\n]*)\]\}?\)?|\)\}?)/g;

function labelFrom(params: string | undefined): string | undefined {
  if (params === undefined) return undefined;
  const text = /^\s*text=([\s\S]*)$/.exec(params);
  if (text) return text[1];
  return params.includes('=') ? undefined : params;
}

function linkMarkdown(target: string, rawLabel: string | undefined, env: LinkEnv): string {
  const hash = target.indexOf('#');
  const path = hash < 0 ? target : target.slice(0, hash);
  const anchor = hash < 0 ? '' : target.slice(hash + 1);

  if (/^[a-z][a-z\d+.-]*:/i.test(path)) {
    const label = rawLabel?.trim();
    return label ? `[${label}](${formatUrl(target)})` : `<${target}>`;
  }
  if (path === '') {
    const label = fillLabel(rawLabel, env.headingText?.get(anchor) ?? anchor, env.captionNumber?.get(anchor));
    return `[${label}](#${anchor})`;
  }
  const articlePath = (base: string): string => resolveSourcePath(base, path).replace(/\/+$/, '').replace(/\.md$/, '');
  const resolved = articlePath(env.basePath);
  // Labels like `%text` mean "the target's title", which only the target knows: its folder name is
  // the closest readable stand-in.
  const label = fillLabel(rawLabel, posix.basename(resolved), undefined);
  const fallback = env.fallbackBasePath === undefined ? undefined : articlePath(env.fallbackBasePath);
  const url = env.resolveLink(resolved) ?? (fallback === undefined ? undefined : env.resolveLink(fallback));
  if (url === undefined) {
    env.report(`unknown link: ${resolved}`);
    return label;
  }
  return `[${label}](${formatUrl(anchor ? `${url}#${anchor}` : url)})`;
}

function fillLabel(raw: string | undefined, title: string, number: string | undefined): string {
  const label = (raw ?? '%text').replaceAll('%text', title).replaceAll('%number', number ?? '').trim();
  return label || title;
}

/** URLs with spaces or parentheses need the `<...>` form to stay one link destination. */
function formatUrl(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
}
