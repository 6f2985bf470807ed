import { diffLines } from 'diff';

export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

/** A line diff of two texts (jsdiff), one entry per line, for showing two versions side by side in one column. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const text = part.value.endsWith('\n') ? part.value.slice(0, -1) : part.value;
    for (const line of text.split('\n')) lines.push({ kind, text: line });
  }
  return lines;
}

/** Unchanged runs longer than this are folded to their first and last lines around a "…" marker. */
const CONTEXT = 3;

/** The diff with long unchanged stretches folded, as a reader wants it; `null` entries stand for folded lines. */
export function foldedDiff(lines: DiffLine[]): Array<DiffLine | null> {
  const folded: Array<DiffLine | null> = [];
  let run: DiffLine[] = [];
  const flush = (atStart: boolean, atEnd: boolean) => {
    const keepHead = atStart ? 0 : CONTEXT;
    const keepTail = atEnd ? 0 : CONTEXT;
    if (run.length > keepHead + keepTail + 1) folded.push(...run.slice(0, keepHead), null, ...run.slice(run.length - keepTail));
    else folded.push(...run);
    run = [];
  };
  let seenChange = false;
  for (const line of lines) {
    if (line.kind === 'same') {
      run.push(line);
      continue;
    }
    flush(!seenChange, false);
    seenChange = true;
    folded.push(line);
  }
  flush(!seenChange, true);
  return folded;
}
