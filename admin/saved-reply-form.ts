/** What the saved-reply forms post, as typed: shown again when something is wrong, so nothing is lost. */
export interface SavedReplyFormValues {
  title: string;
  shortcut: string;
  body: string;
}

/** Reads the fields of admin/components/SavedReplyFields.astro. */
export function readSavedReplyForm(form: FormData): SavedReplyFormValues {
  const text = (name: string) => String(form.get(name) ?? '');
  return { title: text('title'), shortcut: text('shortcut'), body: text('body') };
}
