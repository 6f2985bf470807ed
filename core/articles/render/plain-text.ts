import MarkdownIt from 'markdown-it';

const parser = new MarkdownIt({ html: false, linkify: false });

/**
 * The readable text of a markdown body — words of paragraphs, lists, tables, code and image alt texts,
 * one block per line, no markup — for search indexing and snippets.
 */
export function markdownToPlainText(markdown: string): string {
  const lines: string[] = [];
  for (const token of parser.parse(markdown, {})) {
    if (token.type === 'inline') lines.push((token.children ?? []).map((child) => (child.type === 'image' ? child.content : child.content)).join(''));
    else if (token.type === 'fence' || token.type === 'code_block') lines.push(token.content.trim());
  }
  return lines.filter(Boolean).join('\n');
}
