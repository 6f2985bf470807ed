/**
 * Composer drafts, one per conversation, kept in this browser (localStorage) so a reload, a crash or a
 * switch to another conversation loses nothing typed. An empty draft is removed, not stored.
 */
export interface Draft {
  body: string;
  kind: 'text' | 'note';
}

const key = (conversationId: number) => `deflect.inbox.draft.${conversationId}`;

export function readDraft(storage: Storage | undefined, conversationId: number): Draft {
  try {
    const parsed = JSON.parse(storage?.getItem(key(conversationId)) ?? 'null') as Partial<Draft> | null;
    return { body: typeof parsed?.body === 'string' ? parsed.body : '', kind: parsed?.kind === 'note' ? 'note' : 'text' };
  } catch {
    return { body: '', kind: 'text' };
  }
}

export function writeDraft(storage: Storage | undefined, conversationId: number, draft: Draft): void {
  try {
    if (draft.body === '') storage?.removeItem(key(conversationId));
    else storage?.setItem(key(conversationId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled (private mode): the draft then lives as long as the page, which is still useful.
  }
}
