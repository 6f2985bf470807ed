/**
 * Converts markdown written in the VK docs "curly-brace directive" dialect (`{include(...)}`,
 * `{note:info}…{/note}`, `{linkto(...)[text=...]}`, …) into plain CommonMark/GFM that markdown-it renders
 * well: readable text stays, the syntax goes, and whatever could not be resolved is reported.
 *
 * Pure: all file access goes through the context callbacks. Pipeline:
 * 1. per file (the article, then each include, recursively; see directives/expand.ts): protect code,
 *    drop HTML comments, select include tags, apply conditions, substitute variables, resolve article
 *    links against that file's path, splice includes;
 * 2. per page (directives/page.ts): counters, headings, same-page links, image params, blocks, sweep;
 * 3. tidy blank lines and put the code back.
 */
import { expandFile } from './directives/expand.ts';
import { restoreCode, type CodeStore } from './directives/code.ts';
import { finishPage } from './directives/page.ts';

export interface DirectiveContext {
  /** Path of the article in the source tree (its `source_path`), e.g. "docs/en/intro/billing/concepts/balance/balance.md"; includes and links are relative to it. */
  sourcePath: string;
  /** Values for {var(name)}. */
  variables: Readonly<Record<string, string>>;
  /** Build conditions that hold, e.g. new Set(['public']). */
  conditions: ReadonlySet<string>;
  /** Returns the text of an include given its resolved source path (posix, like sourcePath, e.g. "docs/ru/_includes/x.md"), or undefined if missing. */
  readInclude(resolvedSourcePath: string): string | undefined;
  /** Maps a linked article's resolved source path (posix, without .md, anchor stripped) to a URL on our site, or undefined if unknown. */
  resolveLink(resolvedSourcePath: string): string | undefined;
}

/** The converted markdown and the deduplicated list of things that could not be resolved. */
export interface DirectiveResult {
  markdown: string;
  problems: string[];
}

const DIALECT =
  /\{\/?(?:heading|linkto|var|ifn?def|include|includetag|tabs?|note|cut|caption|counter|const|params|swagger|formula)[(:}[]/i;

/** True if the text uses the dialect at all (cheap check so plain markdown skips the transform). */
export function hasDirectives(markdown: string): boolean {
  return DIALECT.test(markdown);
}

/**
 * Resolves every directive in `markdown` (an article body without front matter). Never throws on
 * malformed input: problems are collected instead, e.g. `include not found: docs/en/_includes/x.md`.
 */
export function resolveDirectives(markdown: string, ctx: DirectiveContext): DirectiveResult {
  const problems = new Set<string>();
  const report = (problem: string): void => void problems.add(problem);
  const code: CodeStore = [];
  const expanded = expandFile(
    markdown,
    ctx.sourcePath,
    {
      rootPath: ctx.sourcePath,
      variables: ctx.variables,
      conditions: ctx.conditions,
      readInclude: (path) => ctx.readInclude(path),
      resolveLink: (path) => ctx.resolveLink(path),
      report,
      code,
    },
    [ctx.sourcePath],
  );
  const lang = ctx.sourcePath.includes('/ru/') ? 'ru' : 'en';
  const page = finishPage(expanded, lang, report);
  return { markdown: restoreCode(tidyBlankLines(page), code), problems: [...problems] };
}

/**
 * Removed markers leave runs of blank lines; one blank line means the same in markdown. Safe to
 * collapse here because code lines are still placeholders, never blank.
 */
function tidyBlankLines(text: string): string {
  return text
    .replace(/^[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .replace(/\n*$/, '\n');
}
