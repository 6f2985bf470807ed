/**
 * Block directives → plain markdown: tabs become bold titled sections, notes blockquotes, cuts a bold
 * summary plus content, captions an italic line after the captioned content. Blocks nest, so the tree
 * is rendered inside out; every block is surrounded by blank lines and keeps the indentation of its
 * opening line, so a block inside a list item stays in that item.
 */
import { buildTree, type BlockNode, type TreeNode } from './scan.ts';

export type Lang = 'en' | 'ru';

const BLOCKS = new Set(['tabs', 'tab', 'note', 'cut', 'caption']);

const NOTE_LABELS: Record<Lang, Record<string, string>> = {
  en: { info: 'Note:', warn: 'Warning:', err: 'Important:' },
  ru: { info: 'Примечание:', warn: 'Внимание:', err: 'Важно:' },
};

/** Renders all block directives of a page. */
export function renderBlocks(text: string, lang: Lang, report: (problem: string) => void): string {
  if (!/\{\/?(?:tabs?|note|cut|caption)\b/.test(text)) return text;
  const render = (nodes: TreeNode[]): string =>
    nodes.map((node) => (typeof node === 'string' ? node : renderBlock(node, render(node.children), lang, report))).join('');
  return render(buildTree(text, BLOCKS, report));
}

function renderBlock(node: BlockNode, inner: string, lang: Lang, report: (problem: string) => void): string {
  const { open, close } = node;
  const indent = open.indent;
  // An opener sharing its line with text (`{note:info}Text{/note}`) leaves the first content line unindented.
  const content = trimBlankLines(open.alone ? inner : indent + inner.trimStart());
  const title = escapeEmphasis((open.args ?? '').trim());
  let body: string;
  switch (open.name) {
    case 'tabs':
      body = content;
      break;
    case 'tab':
    case 'cut':
      body = join(title ? `${indent}**${title}**` : '', content);
      break;
    case 'note': {
      const label = NOTE_LABELS[lang][open.variant ?? 'info'] ?? NOTE_LABELS[lang].info ?? '';
      body = close
        ? [`${indent}> **${label}**`, ...(content ? [`${indent}>`, quote(content, indent)] : [])].join('\n')
        : join(`${indent}**${label}**`, content);
      break;
    }
    default: {
      // caption: a caption without `{/caption}` is a standalone caption line (table captions are written so).
      const caption = title ? `${indent}*${title}*` : '';
      body = close ? join(content, caption) : join(caption, content);
    }
  }
  if (!close && open.name !== 'caption') report(`unclosed {${open.name}}`);
  // Text after a closer on the same line (`{/note}.`) starts a new paragraph at the block's level.
  const after = close && !close.alone ? indent : '';
  return `\n\n${body}\n\n${after}`;
}

/** Prefixes every line with `> ` at the block's indentation, after removing the content's common indent. */
function quote(content: string, indent: string): string {
  const lines = content.split('\n').map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()));
  const common = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0));
  return lines
    .map((line) => (line.trim() === '' ? `${indent}>` : `${indent}> ${line.slice(Number.isFinite(common) ? common : 0)}`))
    .join('\n');
}

function join(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('\n\n');
}

function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').replace(/(?:\n[ \t]*)+$/, '').replace(/^[ \t]+$/, '');
}

/** Titles go between `**`/`*`; a literal asterisk inside would end the emphasis early. */
function escapeEmphasis(text: string): string {
  return text.replace(/\*/g, '\\*');
}
