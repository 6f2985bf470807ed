/**
 * The per-file steps: everything that depends on which file a piece of text came from (its path, its
 * include tags). The article and each include go through `expandFile`; the page-wide steps run later
 * on the spliced result (see page.ts).
 */
import { protectCode, stripHtmlComments, type CodeStore } from './code.ts';
import { resolveLinks, resolveSourcePath } from './links.ts';
import { buildTree, replaceDirectives, type TreeNode } from './scan.ts';
import { selectTags } from './tags.ts';

/** Include nesting deeper than this is reported and cut off. */
export const MAX_INCLUDE_DEPTH = 10;

/** Shared state of one transform. */
export interface ExpandState {
  /** Source path of the article being converted. */
  rootPath: string;
  variables: Readonly<Record<string, string>>;
  conditions: ReadonlySet<string>;
  readInclude(resolvedSourcePath: string): string | undefined;
  resolveLink(resolvedSourcePath: string): string | undefined;
  report(problem: string): void;
  code: CodeStore;
}

/**
 * Protects code, then applies tags, conditions, variables, article links and includes of one file.
 * `chain` holds the paths of the files including this one (cycle detection).
 */
export function expandFile(raw: string, path: string, state: ExpandState, chain: string[], tags?: readonly string[]): string {
  let text = stripHtmlComments(protectCode(selectTags(raw, path, tags, state.report), state.code));
  text = applyConditions(text, state);
  text = substituteVariables(text, state);
  const links = { basePath: path, resolveLink: state.resolveLink, report: state.report };
  text = resolveLinks(text, path === state.rootPath ? links : { ...links, fallbackBasePath: state.rootPath }, 'articles');
  return expandIncludes(text, path, state, chain);
}

const CONDITION = new Set(['ifdef', 'ifndef']);

/** `{ifdef(a,b)}` keeps its content if any listed condition holds; `{ifndef(a,b)}` if none does. */
function applyConditions(text: string, state: ExpandState): string {
  if (!text.includes('{ifdef') && !text.includes('{ifndef') && !text.includes('{/if')) return text;
  const render = (nodes: TreeNode[]): string =>
    nodes
      .map((node) => {
        if (typeof node === 'string') return node;
        const names = (node.open.args ?? '').split(',').map((name) => name.trim());
        const any = names.some((name) => state.conditions.has(name));
        if (!node.close) state.report(`unclosed {${node.open.name}}`);
        if (any === (node.open.name === 'ifdef')) return render(node.children);
        // Dropping from an inline opener to a closer alone on its line must not join the two lines.
        return !node.open.alone && node.close?.alone ? '\n' : '';
      })
      .join('');
  return render(buildTree(text, CONDITION, state.report));
}

/** `{var(name)}` → its value; an unknown name stays readable as the name itself. */
function substituteVariables(text: string, state: ExpandState): string {
  return replaceDirectives(
    text,
    (t) => t.name === 'var' && !t.closing && t.args !== undefined,
    (t) => {
      const name = (t.args ?? '').trim();
      const value = Object.hasOwn(state.variables, name) ? state.variables[name] : undefined;
      if (value !== undefined) return value;
      state.report(`unknown variable: ${name}`);
      return name;
    },
  );
}

/**
 * `{include(path)[tags=a,b]}` → the included file, itself fully expanded relative to its own path.
 * An include alone on its line is indented like that line, so it can continue a list item or tab.
 */
function expandIncludes(text: string, path: string, state: ExpandState, chain: string[]): string {
  return replaceDirectives(
    text,
    (t) => t.name === 'include' && !t.closing && t.args !== undefined,
    (t) => {
      const target = resolveSourcePath(path, (t.args ?? '').trim());
      const { tags, level } = includeParams(t.params);
      const body = shiftHeadings(includedText(target, state, chain, tags), level);
      const lines = body.replace(/\n+$/, '').split('\n');
      const indented = lines.map((line, i) => (line === '' || (i === 0 && !t.alone) ? line : t.indent + line)).join('\n');
      return t.alone ? `${indented}\n` : indented;
    },
    true,
  );
}

function includedText(target: string, state: ExpandState, chain: string[], tags: string[] | undefined): string {
  if (chain.includes(target)) {
    state.report(`include cycle: ${target}`);
    return '';
  }
  if (chain.length > MAX_INCLUDE_DEPTH) {
    state.report(`include depth over ${MAX_INCLUDE_DEPTH}: ${target}`);
    return '';
  }
  const raw = state.readInclude(target) ?? (target.endsWith('.md') ? undefined : state.readInclude(`${target}.md`));
  if (raw === undefined) {
    state.report(`include not found: ${target}`);
    return '';
  }
  return expandFile(raw, target, state, [...chain, target], tags);
}

/**
 * `[tags=a,b; level=+1]`; the corpus also writes `tags=a,b,shift=2`, so comma items with `=` are
 * separate params. `shift` (code re-indentation in the original engine) is ignored.
 */
function includeParams(params: string | undefined): { tags: string[] | undefined; level: number } {
  let tags: string[] | undefined;
  let level = 0;
  for (const part of (params ?? '').split(/[;,]/)) {
    const [key, value] = part.split('=').map((item) => item.trim());
    if (value === undefined) tags?.push(...(key ? [key] : []));
    else if (key === 'tags') tags = value ? [value] : [];
    else if (key === 'level') level = Number.parseInt(value, 10) || 0;
  }
  return { tags, level };
}

/** `level=+1` demotes the included headings by one level (max `######`). */
function shiftHeadings(text: string, level: number): string {
  if (level === 0) return text;
  return text.replace(/^([ \t]*)(#{1,6})(?=[ \t])/gm, (_, indent: string, hashes: string) =>
    indent + '#'.repeat(Math.min(6, Math.max(1, hashes.length + level))),
  );
}
