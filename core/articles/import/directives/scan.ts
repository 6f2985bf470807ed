/**
 * Tokenizer for the curly-brace directive dialect: `{name}`, `{/name}`, `{name:variant}`,
 * `{name(args)}`, `{name(args)[params]}`. Arguments may nest balanced parentheses and whole directives
 * (`{caption(Table {counter(t)[id=x]} — Title)[number={const(x)}]}`), so a regex alone cannot find the end.
 * Callers run these helpers on text whose code has already been replaced by placeholders (see code.ts).
 */

/** One directive as written. Offsets are into the scanned text; `end` is exclusive. */
export interface DirectiveToken {
  start: number;
  end: number;
  name: string;
  closing: boolean;
  /** `info` in `{note:info}`. */
  variant?: string;
  /** Text between the parentheses, nested directives included. */
  args?: string;
  /** Text between the square brackets, e.g. `id=x` or `text=Label`. */
  params?: string;
}

/** A token plus where it sits on its line, which decides how much text replacing it removes. */
export interface PlacedToken extends DirectiveToken {
  /** Only whitespace shares the token's line. */
  alone: boolean;
  /** Leading whitespace of the token's line (list or note nesting level). */
  indent: string;
  /** What to cut out: the whole line with its newline when `alone`, else just the token. */
  spanStart: number;
  spanEnd: number;
}

const NAME = /[A-Za-z][\w-]*/y;

/** Parses the directive starting at `pos` (which must be `{`), or returns undefined if it is not one. */
export function parseDirectiveAt(text: string, pos: number): DirectiveToken | undefined {
  if (text[pos] !== '{') return undefined;
  let i = pos + 1;
  const closing = text[i] === '/';
  if (closing) i++;
  const name = matchName(text, i);
  if (name === undefined) return undefined;
  i += name.length;
  if (closing) return text[i] === '}' ? { start: pos, end: i + 1, name, closing } : undefined;

  const token: DirectiveToken = { start: pos, end: pos, name, closing };
  if (text[i] === ':') {
    const variant = matchName(text, i + 1);
    if (variant === undefined) return undefined;
    token.variant = variant;
    i += 1 + variant.length;
  }
  if (text[i] === '(') {
    // The balanced `)` is the natural end; if the title itself has a stray `(` or `)`, fall back to any
    // later `)` on the line after which the directive closes properly.
    const candidates = [findBalanced(text, i, '(', ')'), ...closingParens(text, i)].filter((c) => c > i);
    const close = candidates.find((c) => text[c + 1] === '}' || (text[c + 1] === '[' && paramsEnd(text, c + 1) >= 0));
    if (close === undefined) return undefined;
    token.args = text.slice(i + 1, close);
    i = close + 1;
  }
  if (text[i] === '[') {
    const close = paramsEnd(text, i);
    if (close < 0) return undefined;
    token.params = text.slice(i + 1, close);
    i = close + 1;
  }
  if (text[i] !== '}') return undefined;
  token.end = i + 1;
  return token;
}

/** Adds line placement to a token. */
export function placeToken(text: string, token: DirectiveToken): PlacedToken {
  const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
  const newline = text.indexOf('\n', token.end);
  const lineEnd = newline < 0 ? text.length : newline;
  const alone = isBlank(text.slice(lineStart, token.start)) && isBlank(text.slice(token.end, lineEnd));
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineEnd))?.[0] ?? '';
  return {
    ...token,
    alone,
    indent,
    spanStart: alone ? lineStart : token.start,
    spanEnd: alone ? Math.min(lineEnd + 1, text.length) : token.end,
  };
}

/** All directives accepted by `accept`, in order. Unaccepted ones are looked into, so nested tokens are found. */
export function findDirectives(text: string, accept: (token: DirectiveToken) => boolean): PlacedToken[] {
  const found: PlacedToken[] = [];
  let pos = text.indexOf('{');
  while (pos >= 0) {
    const token = parseDirectiveAt(text, pos);
    if (token && accept(token)) {
      found.push(placeToken(text, token));
      pos = text.indexOf('{', token.end);
    } else {
      pos = text.indexOf('{', pos + 1);
    }
  }
  return found;
}

/**
 * Replaces every accepted directive by `replace(token)`. With `wholeLine`, a directive alone on its line
 * takes the line with it (so block markers leave no stray blank lines inside lists or tables).
 */
export function replaceDirectives(
  text: string,
  accept: (token: DirectiveToken) => boolean,
  replace: (token: PlacedToken) => string,
  wholeLine = false,
): string {
  let out = '';
  let pos = 0;
  for (const token of findDirectives(text, accept)) {
    const start = wholeLine ? token.spanStart : token.start;
    const end = wholeLine ? token.spanEnd : token.end;
    if (start < pos) continue;
    out += text.slice(pos, start) + replace(token);
    pos = end;
  }
  return out + text.slice(pos);
}

/** A paired block (`{note:info}…{/note}`) with its content, or plain text between blocks. */
export type TreeNode = string | BlockNode;
export interface BlockNode {
  open: PlacedToken;
  /** Undefined when the block was never closed; the renderer decides what that means. */
  close: PlacedToken | undefined;
  children: TreeNode[];
}

/**
 * Nests the directives named in `names` into a tree, each marker taking its whole line when alone.
 * A closing marker without an opener is dropped and reported; openers still open when their parent
 * closes (or the text ends) stay with `close` undefined.
 */
export function buildTree(text: string, names: ReadonlySet<string>, report: (problem: string) => void): TreeNode[] {
  const top: TreeNode[] = [];
  const stack: Array<{ node: BlockNode | undefined; children: TreeNode[] }> = [{ node: undefined, children: top }];
  const current = (): TreeNode[] => stack[stack.length - 1]?.children ?? top;
  let pos = 0;
  for (const token of findDirectives(text, (t) => names.has(t.name))) {
    const start = Math.max(token.spanStart, pos);
    if (start > pos) current().push(text.slice(pos, start));
    pos = Math.max(pos, token.spanEnd);
    if (!token.closing) {
      const node: BlockNode = { open: token, close: undefined, children: [] };
      current().push(node);
      stack.push({ node, children: node.children });
      continue;
    }
    const depth = stack.findLastIndex((entry) => entry.node?.open.name === token.name);
    const target = stack[depth]?.node;
    if (depth < 1 || !target) {
      report(`unmatched {/${token.name}}`);
      continue;
    }
    // Blocks opened inside the one being closed and never closed themselves end here too.
    target.close = token;
    stack.splice(depth);
  }
  if (pos < text.length) current().push(text.slice(pos));
  return top;
}

function matchName(text: string, at: number): string | undefined {
  NAME.lastIndex = at;
  return NAME.exec(text)?.[0];
}

/** Index of the bracket closing the one at `open`, on the same line; -1 if none. */
function findBalanced(text: string, open: number, opening: string, closing: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') return -1;
    if (ch === opening) depth++;
    else if (ch === closing && --depth === 0) return i;
  }
  return -1;
}

function paramsEnd(text: string, open: number): number {
  return findBalanced(text, open, '[', ']');
}

/** Every `)` after `open` on the same line. */
function closingParens(text: string, open: number): number[] {
  const result: number[] = [];
  for (let i = open + 1; i < text.length && text[i] !== '\n'; i++) if (text[i] === ')') result.push(i);
  return result;
}

function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}
