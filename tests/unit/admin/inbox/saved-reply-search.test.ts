import { describe, expect, it } from 'vitest';
import { filterReplies, insertAt, MAX_SUGGESTIONS, slashQueryAt } from '../../../../admin/components/inbox/saved-reply-search.ts';

const reply = (id: number, shortcut: string, title: string) => ({ id, shortcut, title, body: `${title}.` });
const replies = [reply(1, 'refund', 'Refund approved'), reply(2, 'hello', 'Greeting'), reply(3, 'shipping', 'Where is my parcel'), reply(4, 'late-refund', 'Late refunds'), reply(5, 'bye', 'Закрытие: спасибо за обращение')];
const shortcuts = (query: string) => filterReplies(replies, query).map((r) => r.shortcut);

describe('finding a saved reply from what is typed', () => {
  it('opens on a slash that starts a word, at the caret', () => {
    expect(slashQueryAt('/ref', 4)).toEqual({ start: 0, query: 'ref' });
    expect(slashQueryAt('Thanks!\n/', 9)).toEqual({ start: 8, query: '' });
    expect(slashQueryAt('Sure, /hel and more', 10)).toEqual({ start: 6, query: 'hel' });
  });

  it('does not open inside words, paths and URLs, or once the word is finished', () => {
    expect(slashQueryAt('and/or', 6)).toBeNull();
    expect(slashQueryAt('see https://x.example/refund', 28)).toBeNull();
    expect(slashQueryAt('/refund ', 8)).toBeNull();
    expect(slashQueryAt('no slash', 8)).toBeNull();
  });

  it('ranks shortcut prefixes first, then title words, then anything containing the text', () => {
    expect(shortcuts('ref')).toEqual(['refund', 'late-refund']);
    expect(shortcuts('PARCEL')).toEqual(['shipping']);
    expect(shortcuts('спасибо')).toEqual(['bye']);
    expect(shortcuts('ll')).toEqual(['hello']);
    expect(shortcuts('zzz')).toEqual([]);
  });

  it('lists every reply for a bare slash, by shortcut, up to the shortlist size', () => {
    expect(shortcuts('')).toEqual(['bye', 'hello', 'late-refund', 'refund', 'shipping']);
    const many = Array.from({ length: 20 }, (_, i) => reply(i, `r${String(i).padStart(2, '0')}`, 'x'));
    expect(filterReplies(many, 'r')).toHaveLength(MAX_SUGGESTIONS);
  });

  it('replaces the /query with the reply and puts the caret after it', () => {
    expect(insertAt('Hi! /ref thanks', 4, 8, 'Your refund is on its way.')).toEqual({ text: 'Hi! Your refund is on its way. thanks', caret: 30 });
  });
});
