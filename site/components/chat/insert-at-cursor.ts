/** Puts text where the cursor is (replacing a selection); returns the new value and where the cursor goes. */
export function insertAtCursor(value: string, selection: { start: number; end: number }, text: string): { value: string; cursor: number } {
  return { value: value.slice(0, selection.start) + text + value.slice(selection.end), cursor: selection.start + text.length };
}
