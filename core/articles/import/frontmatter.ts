import { parse as parseYaml, YAMLParseError } from 'yaml';

export interface SplitDocument {
  data: Record<string, unknown>;
  body: string;
}

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Separates a YAML frontmatter block from the markdown body. A file without one is plain markdown
 * (data is empty). Throws with the YAML error's line when the block is malformed.
 */
export function splitFrontmatter(text: string): SplitDocument {
  const match = FRONTMATTER.exec(text);
  if (!match) return { data: {}, body: text.replace(/^\uFEFF/, '') };
  let data: unknown;
  try {
    data = parseYaml(match[1]!, { prettyErrors: false });
  } catch (error) {
    const reason = error instanceof YAMLParseError ? `${error.code} at line ${(error.linePos?.[0].line ?? 0) + 1}` : String(error);
    throw new Error(`frontmatter is not valid YAML (${reason})`);
  }
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) throw new Error('frontmatter must be a YAML mapping of keys to values');
  return { data: (data ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) };
}
