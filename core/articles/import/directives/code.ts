/**
 * Code protection. Code samples contain `{`, `}`, `${x}` and `{{ x }}`, so before any directive is
 * looked at, every fenced code line and inline code span is swapped for an opaque placeholder
 * (`\uE000<n>\uE001`, private-use characters) and put back at the very end.
 *
 * Fenced blocks are replaced line by line and the leading whitespace stays outside the placeholder:
 * the line structure survives, so later steps can still indent included code or prefix it with `> `.
 */

const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const FENCE_OPEN = /^([ \t]*(?:>[ \t]?)*[ \t]*)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})[ \t]*$/;

/** Shared by every file of one transform (the article and its includes), so placeholders survive splicing. */
export type CodeStore = string[];

/** Replaces code (and `{formula}` blocks, which become code) with placeholders stored in `store`. */
export function protectCode(text: string, store: CodeStore): string {
  const hold = (raw: string): string => {
    store.push(raw);
    return `${OPEN}${store.length - 1}${CLOSE}`;
  };
  // A literal sentinel in the input is stored too, so restoring cannot misread it.
  const lines = text.replace(/\r\n?/g, '\n').replaceAll(OPEN, () => hold(OPEN)).split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) out.push(...protectInline(paragraph.join('\n'), hold).split('\n'));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = fenceOpening(line);
    if (fence !== undefined) {
      flush();
      i = holdFence(lines, i, fence, out, hold);
    } else if (line.trim() === '{formula}' && findFormulaEnd(lines, i) > i) {
      flush();
      i = holdFormula(lines, i, out, hold);
    } else if (line.trim() === '') {
      flush();
      out.push(line);
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** The fence marker (```` ``` ````, `~~~~`…) if `line` opens a fenced code block. */
export function fenceOpening(line: string): string | undefined {
  const fence = FENCE_OPEN.exec(line);
  // A backtick fence's info string cannot contain backticks (then it is inline code at line start).
  if (!fence?.[2] || (fence[2].startsWith('`') && fence[3]?.includes('`'))) return undefined;
  return fence[2];
}

/** True if `line` closes a block opened with `marker`. */
export function closesFence(line: string, marker: string): boolean {
  const close = FENCE_CLOSE.exec(line)?.[1];
  return close !== undefined && close[0] === marker[0] && close.length >= marker.length;
}

/**
 * Column of the list item holding the fence that opens at `start` (0 outside lists). CommonMark ends
 * a fence when its container ends, and the corpus has fences left unclosed at the end of a list item;
 * without this the rest of the page would count as code.
 */
export function containerColumn(lines: readonly string[], start: number): number {
  const fenceIndent = indentWidth(lines[start] ?? '');
  for (let i = start - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || indentWidth(line) >= fenceIndent) continue;
    const item = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)/.exec(line);
    // The item's content starts after its marker and the spaces that follow it.
    return item ? item[0].replace(/\t/g, '    ').length : indentWidth(line);
  }
  return 0;
}

/** True if a non-blank `line` is indented less than the container column, so the container (and the fence) ended. */
export function leavesContainer(line: string, column: number): boolean {
  return column > 0 && line.trim() !== '' && indentWidth(line) < column;
}

/** Width of the leading whitespace, tabs to the next multiple of 4 (as CommonMark counts them). */
function indentWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ') width++;
    else if (ch === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** Puts the stored code back (a stored line may itself hold an escaped literal sentinel). */
export function restoreCode(text: string, store: CodeStore): string {
  return text.replace(PLACEHOLDER, (_, index: string) => restoreCode(store[Number(index)] ?? '', store));
}

/**
 * HTML comments are dropped: the site escapes raw HTML, so a comment would show up as text, and the
 * corpus uses them for `prettier-ignore` hints and commented-out drafts full of directives.
 */
export function stripHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '');
}

/** Holds the fence opening at `start` through its closing line (or the end); returns the last line index. */
function holdFence(lines: string[], start: number, marker: string, out: string[], hold: (raw: string) => string): number {
  const column = containerColumn(lines, start);
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (i > start && leavesContainer(line, column)) return i - 1;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    out.push(indent + hold(line.slice(indent.length)));
    if (i > start && closesFence(line, marker)) break;
  }
  return Math.min(i, lines.length - 1);
}

function findFormulaEnd(lines: string[], start: number): number {
  for (let i = start + 1; i < lines.length; i++) if (lines[i]?.trim() === '{/formula}') return i;
  return -1;
}

/** A `{formula}` block becomes a fenced code block: LaTeX-ish text reads best verbatim. */
function holdFormula(lines: string[], start: number, out: string[], hold: (raw: string) => string): number {
  const end = findFormulaEnd(lines, start);
  const indent = /^[ \t]*/.exec(lines[start] ?? '')?.[0] ?? '';
  const body = lines.slice(start + 1, end);
  const fence = fenceFor(body.join('\n'));
  out.push(indent + hold(fence));
  for (const line of body) {
    const own = line.startsWith(indent) ? line.slice(indent.length) : line.trimStart();
    out.push(indent + hold(own));
  }
  out.push(indent + hold(fence));
  return end;
}

/**
 * Protects inline code spans in one paragraph (a span may cross a line break, never a blank line),
 * then turns inline `{formula}x{/formula}` into a code span.
 */
function protectInline(paragraph: string, hold: (raw: string) => string): string {
  let out = '';
  let i = 0;
  while (i < paragraph.length) {
    const tick = paragraph.indexOf('`', i);
    if (tick < 0) break;
    const run = runLength(paragraph, tick);
    if (isEscaped(paragraph, tick)) {
      out += paragraph.slice(i, tick + 1);
      i = tick + 1;
      continue;
    }
    const close = findClosingRun(paragraph, tick + run, run);
    if (close < 0) {
      out += paragraph.slice(i, tick + run);
      i = tick + run;
      continue;
    }
    out += paragraph.slice(i, tick) + holdLines(paragraph.slice(tick, close + run), hold);
    i = close + run;
  }
  out += paragraph.slice(i);
  return out.replace(/\{formula\}(.*?)\{\/formula\}/g, (_, formula: string) => {
    const ticks = '`'.repeat(longestBacktickRun(formula) + 1);
    return hold(`${ticks} ${formula.trim()} ${ticks}`);
  });
}

/** Each line of a multi-line span gets its own placeholder so the line structure stays visible. */
function holdLines(span: string, hold: (raw: string) => string): string {
  return span
    .split('\n')
    .map((part, index) => {
      const indent = index === 0 ? '' : (/^[ \t]*/.exec(part)?.[0] ?? '');
      return indent + hold(part.slice(indent.length));
    })
    .join('\n');
}

function runLength(text: string, at: number): number {
  let end = at;
  while (text[end] === '`') end++;
  return end - at;
}

function findClosingRun(text: string, from: number, length: number): number {
  let i = text.indexOf('`', from);
  while (i >= 0) {
    const run = runLength(text, i);
    if (run === length) return i;
    i = text.indexOf('`', i + run);
  }
  return -1;
}

/** An odd number of backslashes before a backtick makes it literal (CommonMark escape). */
function isEscaped(text: string, at: number): boolean {
  let count = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}

function fenceFor(body: string): string {
  return '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
}
