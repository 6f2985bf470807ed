/** The fields the editor autosaves; tags as typed (a comma list). */
export interface EditorContent {
  title: string;
  description: string;
  tags: string;
  body: string;
}

export function sameEditorContent(a: EditorContent, b: EditorContent): boolean {
  return a.title === b.title && a.description === b.description && a.tags === b.tags && a.body === b.body;
}
