import { describe, expect, it } from 'vitest';
import { originLabel } from '../../../../admin/components/inbox/origin-label.ts';

describe('where a conversation came from, in the inbox header', () => {
  it('names the article and the reaction that opened the chat', () => {
    expect(originLabel({ kind: 'article', articleId: 4, reaction: 'sad' }, 'Reset your password')).toBe('from Reset your password · 😞');
    expect(originLabel({ kind: 'article', articleId: 4 }, 'Reset your password')).toBe('from Reset your password');
  });

  it('falls back to the article id while the title is unknown or the article is unpublished', () => {
    expect(originLabel({ kind: 'article', articleId: 4, reaction: 'sad' }, null)).toBe('from article #4 · 😞');
  });

  it('quotes the search, and says nothing for the launcher', () => {
    expect(originLabel({ kind: 'search', query: 'refund' }, null)).toBe('from search “refund”');
    expect(originLabel({ kind: 'launcher', page: '/en' }, null)).toBe('');
  });
});
