import { describe, expect, it } from 'vitest';
import { readDraft, writeDraft } from '../../../../admin/components/inbox/drafts.ts';
import { waitingFor, visitorLabel } from '../../../../admin/components/inbox/format.ts';
import { readOutbox, updateOutgoing, writeOutbox, type OutgoingMessage } from '../../../../admin/components/inbox/outbox.ts';

/** localStorage's interface over a Map. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('drafts and the outbox in the browser', () => {
  it('keeps one draft per conversation and forgets an emptied one', () => {
    const storage = memoryStorage();
    writeDraft(storage, 1, { body: 'half an answer', kind: 'note' });
    writeDraft(storage, 2, { body: 'other', kind: 'text' });
    expect(readDraft(storage, 1)).toEqual({ body: 'half an answer', kind: 'note' });
    writeDraft(storage, 1, { body: '', kind: 'text' });
    expect(readDraft(storage, 1)).toEqual({ body: '', kind: 'text' });
    expect(storage.length).toBe(1);
  });

  it('reads a damaged draft or outbox as empty instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem('deflect.inbox.draft.3', '{not json');
    storage.setItem('deflect.inbox.outbox', '{"a":1}');
    expect(readDraft(storage, 3)).toEqual({ body: '', kind: 'text' });
    expect(readOutbox(storage)).toEqual([]);
    expect(readDraft(undefined, 3).body).toBe('');
  });

  it('keeps unsent messages across a reload, and drops one once stored', () => {
    const storage = memoryStorage();
    const outbox: OutgoingMessage[] = [
      { clientId: 'a', conversationId: 1, body: 'one', kind: 'text', status: 'pending' },
      { clientId: 'b', conversationId: 1, body: 'two', kind: 'note', status: 'pending' },
    ];
    writeOutbox(storage, updateOutgoing(outbox, 'b', { status: 'failed', error: 'closed' }));
    expect(readOutbox(storage).map((m) => `${m.clientId}:${m.status}`)).toEqual(['a:pending', 'b:failed']);
    writeOutbox(storage, updateOutgoing(updateOutgoing(outbox, 'a', null), 'b', null));
    expect(storage.length).toBe(0);
  });

  it('names visitors and waiting times the way the list shows them', () => {
    expect(visitorLabel({ id: 'v', name: 'Grace', email: null, locale: 'en' })).toBe('Grace');
    expect(visitorLabel({ id: 'v', name: null, email: null, locale: 'de' })).toBe('Visitor (de)');
    const since = '2026-11-23T10:00:00.000Z';
    const at = (seconds: number) => Date.parse(since) + seconds * 1000;
    expect([45, 12 * 60, 3 * 3600 + 5 * 60, 50 * 3600].map((s) => waitingFor(since, at(s)))).toEqual(['45 s', '12 min', '3 h 05 min', '2 d 2 h']);
  });
});
