import { describe, expect, it } from 'vitest';
import { suggestionQuery, wordsOf } from '../../../site/components/chat/question-shape.ts';

describe('when a first message is searched for while it is typed', () => {
  it('counts words in English and Russian, punctuation aside', () => {
    expect(wordsOf('How do I reset my password?!')).toEqual(['How', 'do', 'I', 'reset', 'my', 'password']);
    expect(wordsOf('Как сменить пароль, если забыл почту?')).toHaveLength(6);
  });

  it('keeps apostrophes and hyphens inside a word: one word each', () => {
    expect(wordsOf("I don't get e-mail from Wi-Fi из-за")).toEqual(['I', "don't", 'get', 'e-mail', 'from', 'Wi-Fi', 'из-за']);
  });

  it('does not count emoji, symbols or dashes standing alone as words', () => {
    expect(wordsOf('help 😭 🙏 — !!! ...')).toEqual(['help']);
    expect(suggestionQuery('payment 💳 failed 😡')).toBeNull();
  });

  it('searches from 3 words up to 30, without the emoji and punctuation', () => {
    expect(suggestionQuery('hi there')).toBeNull();
    expect(suggestionQuery('  Refund my order?? 🙏 ')).toBe('Refund my order');
    expect(suggestionQuery('Где мой чек?')).toBe('Где мой чек');
    expect(suggestionQuery(Array.from({ length: 30 }, () => 'word').join(' '))).not.toBeNull();
    expect(suggestionQuery(Array.from({ length: 31 }, () => 'word').join(' '))).toBeNull();
  });

  it('cuts a long question at a word boundary to what the search accepts (200 characters)', () => {
    const query = suggestionQuery(Array.from({ length: 25 }, () => 'supercalifragilistic').join(' '))!;
    expect(query.length).toBeLessThanOrEqual(200);
    expect(query.split(' ').every((word) => word === 'supercalifragilistic')).toBe(true);
  });
});
