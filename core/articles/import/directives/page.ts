/**
 * Page-wide steps, run once the article and its includes are spliced together: numbering, headings,
 * same-page links, image parameters, block directives and a final sweep for anything left over.
 */
import { renderBlocks, type Lang } from './blocks.ts';
import { resolveLinks } from './links.ts';
import { findDirectives, replaceDirectives, type DirectiveToken } from './scan.ts';

/** Directive names that are written bare (`{tabs}`); other `{word}` in prose is a literal placeholder. */
const BARE_DIRECTIVES = new Set(['tabs', 'formula', 'swagger', 'params', 'heading', 'linkto', 'var', 'include']);

/** Runs the page-wide steps on expanded text (code still protected). */
export function finishPage(text: string, lang: Lang, report: (problem: string) => void): string {
  const counters = new Map<string, string>();
  let out = numberCounters(text, counters);
  const captionNumber = captionNumbers(out, counters);
  const headingText = new Map<string, string>();
  out = replaceDirectives(
    out,
    (t) => t.name === 'heading' && !t.closing && t.args !== undefined,
    (t) => {
      const heading = (t.args ?? '').trim();
      const id = param(t.params, 'id');
      if (id) headingText.set(id, heading);
      return heading;
    },
  );
  out = resolveLinks(out, { basePath: '', resolveLink: () => undefined, report, headingText, captionNumber }, 'same-page');
  out = out.replace(/!\[\{swagger\}\]\([^)\n]*\)/g, () => {
    report('embedded OpenAPI spec not shown');
    return '';
  });
  // Display hints (`{params[width=50%]}`) and constants (only used inside caption params) carry no text.
  out = replaceDirectives(out, (t) => (t.name === 'params' || t.name === 'const') && !t.closing, () => '');
  out = renderBlocks(out, lang, report);
  return sweepLeftovers(out, report);
}

/** `{counter(name)[id=x]}` → 1, 2, 3… per counter name in page order; remembers each id's number. */
function numberCounters(text: string, byId: Map<string, string>): string {
  const next = new Map<string, number>();
  return text.replace(/\{counter\(([^(){}\n]*)\)(?:\[([^\]\n]*)\])?\}/g, (_, name: string, params: string | undefined) => {
    const value = (next.get(name.trim()) ?? 0) + 1;
    next.set(name.trim(), value);
    const id = param(params, 'id');
    if (id) byId.set(id, String(value));
    return String(value);
  });
}

/** Caption id → its number, via `number={const(counter-id)}` in the caption's params. */
function captionNumbers(text: string, counters: ReadonlyMap<string, string>): Map<string, string> {
  const numbers = new Map<string, string>();
  for (const caption of findDirectives(text, (t) => t.name === 'caption' && !t.closing)) {
    const id = param(caption.params, 'id');
    const constant = /\{const\(([^()]*)\)\}/.exec(param(caption.params, 'number') ?? '')?.[1]?.trim();
    const value = constant === undefined ? undefined : counters.get(constant);
    if (id && value) numbers.set(id, value);
  }
  return numbers;
}

/** Reads `key=value` from `a=1;key=value` (the dialect separates params with `;`). */
function param(params: string | undefined, key: string): string | undefined {
  for (const part of (params ?? '').split(';')) {
    const [name, ...value] = part.split('=');
    if (name?.trim() === key) return value.join('=').trim();
  }
  return undefined;
}

/**
 * Whatever still looks like a directive is unknown or malformed: keep its readable argument, drop the
 * syntax, and report it, so raw `{name(...)}` markup never reaches readers.
 */
function sweepLeftovers(text: string, report: (problem: string) => void): string {
  const isLeftover = (t: DirectiveToken): boolean =>
    t.closing || t.args !== undefined || t.variant !== undefined || t.params !== undefined || BARE_DIRECTIVES.has(t.name);
  let swept = text;
  // A kept argument may itself hold a leftover directive; a few rounds settle any realistic nesting.
  for (let round = 0; round < 5; round++) {
    const next = replaceDirectives(swept, isLeftover, (t) => {
      report(`unsupported directive: ${t.name}`);
      return t.args ?? '';
    });
    if (next === swept) break;
    swept = next;
  }
  // An opener whose closing `)}` never comes (`{linkto(path` cut off mid-line).
  return swept.replace(/\{([a-z][\w-]*)\(/gi, (_, name: string) => {
    report(`unsupported directive: ${name}`);
    return '';
  });
}
