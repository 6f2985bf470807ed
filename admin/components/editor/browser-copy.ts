import { sameEditorContent, type EditorContent } from './editor-content.ts';

/**
 * A copy of the editor's text in this browser's localStorage, written on every keystroke: the server
 * autosave runs a moment later, so this is what survives a crash or a lost connection in between.
 */
export interface BrowserCopy extends EditorContent {
  baseVersion: number;
  /** When it was written (ms since epoch). */
  at: number;
}

const key = (articleId: number) => `deflect:article-draft:${articleId}`;

export function writeBrowserCopy(articleId: number, copy: BrowserCopy): void {
  try {
    localStorage.setItem(key(articleId), JSON.stringify(copy));
  } catch {
    // Storage full or disabled (private mode): the server autosave still runs.
  }
}

function clearBrowserCopy(articleId: number): void {
  try {
    localStorage.removeItem(key(articleId));
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}

/**
 * The copy to restore: one newer than anything the server knows (`newerThan`, ms) and different from what the
 * page shows. A copy equal to the page is spent (it was saved) and is removed.
 */
export function browserCopyToRestore(articleId: number, shown: EditorContent, newerThan: number): BrowserCopy | undefined {
  let copy: BrowserCopy | undefined;
  try {
    const raw = localStorage.getItem(key(articleId));
    copy = raw ? (JSON.parse(raw) as BrowserCopy) : undefined;
  } catch {
    return undefined;
  }
  if (!copy) return undefined;
  if (sameEditorContent(copy, shown) || copy.at <= newerThan) {
    if (sameEditorContent(copy, shown)) clearBrowserCopy(articleId);
    return undefined;
  }
  return copy;
}
