import { describe, expect, it } from 'vitest';
import { emojiFor } from '../../../site/components/chat/emoji-set.ts';
import { insertAtCursor } from '../../../site/components/chat/insert-at-cursor.ts';

describe('the composer’s emoji', () => {
  it('offers forty distinct emoji, each named in the page’s language for screen readers', () => {
    const en = emojiFor('en');
    const ru = emojiFor('ru-RU');
    expect(en).toHaveLength(40);
    expect(new Set(en.map((e) => e.emoji)).size).toBe(40);
    expect(new Set(en.map((e) => e.name)).size).toBe(40);
    expect(en.find((e) => e.emoji === '🙏')?.name).toBe('thank you');
    expect(ru.find((e) => e.emoji === '🙏')?.name).toBe('спасибо');
    expect(emojiFor('de').map((e) => e.name)).toEqual(en.map((e) => e.name)); // English for untranslated pages
  });

  it('inserts at the cursor, replacing a selection, and says where the cursor goes next', () => {
    expect(insertAtCursor('Thanks!', { start: 6, end: 6 }, ' 🙏')).toEqual({ value: 'Thanks 🙏!', cursor: 6 + ' 🙏'.length });
    expect(insertAtCursor('I am sad', { start: 5, end: 8 }, '😞')).toEqual({ value: 'I am 😞', cursor: 5 + '😞'.length });
    expect(insertAtCursor('', { start: 0, end: 0 }, '👍')).toEqual({ value: '👍', cursor: 2 });
  });
});
