/** The inbox's keyboard shortcuts, also listed in the `?` overlay from this one table. */
export type HotkeyAction = 'next' | 'previous' | 'compose' | 'toggleNote' | 'insertArticle' | 'close' | 'assignToMe' | 'assignOrTransfer' | 'snooze' | 'leaveComposer' | 'help';

export const HOTKEYS: ReadonlyArray<{ keys: string[]; action: HotkeyAction; label: string }> = [
  { keys: ['j'], action: 'next', label: 'Next conversation' },
  { keys: ['k'], action: 'previous', label: 'Previous conversation' },
  { keys: ['Enter', 'r'], action: 'compose', label: 'Write a reply (focus the composer)' },
  { keys: ['n'], action: 'toggleNote', label: 'Switch between reply and internal note' },
  { keys: ['i'], action: 'insertArticle', label: 'Insert a help-center article into the reply' },
  { keys: ['c'], action: 'close', label: 'Close the conversation' },
  { keys: ['a'], action: 'assignToMe', label: 'Assign the conversation to me' },
  { keys: ['t'], action: 'assignOrTransfer', label: 'Assign or transfer to another operator…' },
  { keys: ['z'], action: 'snooze', label: 'Snooze the conversation…' },
  { keys: ['Escape'], action: 'leaveComposer', label: 'Leave the composer (or this help)' },
  { keys: ['?'], action: 'help', label: 'Show these shortcuts' },
];

/** The part of a keyboard event the decision needs (a plain object in tests). */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element's tag name (upper case, as the DOM gives it) and whether it is editable. */
  targetTag: string;
  targetEditable: boolean;
}

/**
 * Which shortcut a key press means, or null. Typing in a field is never taken over — only Escape leaves it;
 * Enter on a button or link keeps its usual meaning; with Ctrl, Cmd or Alt the browser's shortcuts win.
 */
export function hotkeyFor(input: KeyInput): HotkeyAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const typing = input.targetEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(input.targetTag);
  if (typing) return input.key === 'Escape' ? 'leaveComposer' : null;
  if (input.key === 'Enter' && ['BUTTON', 'A', 'SUMMARY'].includes(input.targetTag)) return null;
  return HOTKEYS.find((hotkey) => hotkey.keys.includes(input.key))?.action ?? null;
}
