/**
 * `{includetag(name)}…{/includetag}` regions of an include file. Unlike every other directive, these
 * markers are honoured even inside fenced code: shared Terraform snippets wrap one ```` ```hcl ```` block
 * around many tagged regions so each article can pick its resources. So selection runs on the raw text,
 * line by line, and keeps the fence lines around whatever it keeps from inside a fence.
 */
import { closesFence, containerColumn, fenceOpening, leavesContainer } from './code.ts';

const MARKER = /\{includetag\(([^()\n]*)\)\}|\{\/includetag\}/g;

/**
 * Keeps only the regions tagged with one of `tags` (everything when `tags` is undefined) and drops
 * all markers; a line holding nothing but markers disappears with them. Reports requested tags that
 * the file does not define.
 */
export function selectTags(raw: string, path: string, tags: readonly string[] | undefined, report: (problem: string) => void): string {
  if (!raw.includes('includetag')) {
    for (const tag of tags ?? []) report(`include tag not found: ${path}#${tag}`);
    return raw;
  }
  const wanted = new Set(tags);
  const seen = new Set<string>();
  const open: string[] = [];
  const selected = (): boolean => tags === undefined || open.some((tag) => wanted.has(tag));
  const out: string[] = [];
  // The fence we are inside, and whether its opening line has been written (it is written lazily,
  // just before the first kept line of the block, when the opener itself lies outside the selection).
  let fence: { marker: string; line: string; written: boolean; column: number } | undefined;

  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, line] of lines.entries()) {
    if (fence && leavesContainer(line, fence.column)) fence = undefined;
    if (fence && closesFence(line, fence.marker)) {
      if (fence.written) out.push(line);
      fence = undefined;
      continue;
    }
    const marker = fence ? undefined : fenceOpening(line);
    if (marker !== undefined) {
      fence = { marker, line, written: selected(), column: containerColumn(lines, index) };
      if (fence.written) out.push(line);
      continue;
    }
    const kept = keptText(line, open, seen, selected);
    if (kept === undefined) continue;
    if (fence && !fence.written) {
      out.push(fence.line);
      fence.written = true;
    }
    out.push(kept);
  }
  for (const tag of wanted) if (!seen.has(tag)) report(`include tag not found: ${path}#${tag}`);
  return out.join('\n');
}

/** The selected parts of one line, updating the open tags; undefined when nothing of the line is kept. */
function keptText(line: string, open: string[], seen: Set<string>, selected: () => boolean): string | undefined {
  let kept = '';
  let keptAny = false;
  let pos = 0;
  let hadMarker = false;
  for (const match of line.matchAll(MARKER)) {
    hadMarker = true;
    if (selected()) {
      kept += line.slice(pos, match.index);
      keptAny = true;
    }
    const tag = match[1];
    if (tag === undefined) open.pop();
    else {
      open.push(tag.trim());
      seen.add(tag.trim());
    }
    pos = match.index + match[0].length;
  }
  if (selected()) {
    kept += line.slice(pos);
    keptAny = true;
  }
  if (!keptAny || (hadMarker && kept.trim() === '')) return undefined;
  return kept;
}
