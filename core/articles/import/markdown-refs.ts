/** A link or image reference found in markdown prose. */
export interface MarkdownRef {
  kind: 'link' | 'image';
  /** Link text or image alt text, as written. */
  text: string;
  target: string;
  title?: string;
}

/** Returns the replacement markdown for a reference, or undefined to keep it as written. */
export type RefRewriter = (ref: MarkdownRef) => string | undefined;

const FENCE = /^( {0,3}|[ \t]*(?:[-*+]|\d+[.)])?[ \t]*>?[ \t]*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t>]*\2[`~]*[ \t]*$/gm;
const INLINE_CODE = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g;
// [text](target "title") and ![alt](target "title"); text may contain one level of nested brackets.
const REF = /(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([^\s)>]+)>?(?:\s+"([^"]*)")?\s*\)/g;

/**
 * Rewrites inline links and images in markdown, leaving fenced and inline code untouched
 * (code samples often contain `[x](y)`-looking text that is not a link).
 */
export function rewriteMarkdownRefs(markdown: string, rewrite: RefRewriter): string {
  const protectedRanges = codeRanges(markdown);
  return markdown.replace(REF, (whole, bang: string, text: string, target: string, title: string | undefined, offset: number) => {
    if (protectedRanges.some(([start, end]) => offset >= start && offset < end)) return whole;
    const replacement = rewrite({ kind: bang ? 'image' : 'link', text, target, ...(title === undefined ? {} : { title }) });
    return replacement ?? whole;
  });
}

/** Character ranges covered by fenced code blocks and inline code spans. */
function codeRanges(markdown: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const match of markdown.matchAll(FENCE)) ranges.push([match.index, match.index + match[0].length]);
  for (const match of markdown.matchAll(INLINE_CODE)) {
    const inFence = ranges.some(([start, end]) => match.index >= start && match.index < end);
    if (!inFence) ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}
