import { describe, expect, it } from 'vitest';
import { isRelevantAnswer, meaningfulStems, requiredMatches } from '../../../search/answer-relevance.ts';

const hit = (titleHtml: string, snippetHtml = '') => ({ titleHtml, snippetHtml });

describe('whether a hit answers a question well enough for the answer bot', () => {
  it('offers an article whose title names what the question asks about', () => {
    expect(isRelevantAnswer('How do I reset my password?', hit('<mark>Reset</mark> your <mark>password</mark>'), 'en')).toBe(true);
  });

  it('counts other word forms of the same word (stems), in English and Russian', () => {
    expect(isRelevantAnswer('Why are my invoices missing?', hit('Where to find <mark>invoice</mark>s', 'Some <mark>invoice</mark>s are <mark>missing</mark> when…'), 'en')).toBe(true);
    expect(isRelevantAnswer('Как сменить пароль от аккаунта?', hit('Смена <mark>пароля</mark>', 'Чтобы <mark>сменить</mark> <mark>пароль</mark> <mark>аккаунта</mark>, откройте…'), 'ru')).toBe(true);
  });

  it('refuses a hit found by one common word of a longer question (search relaxed the query)', () => {
    expect(isRelevantAnswer('How do I reset my router firmware remotely?', hit('<mark>Reset</mark> your password'), 'en')).toBe(false);
  });

  it('refuses a hit whose title matches nothing of the question, however much its body does', () => {
    expect(isRelevantAnswer('export invoices as csv', hit('Billing overview', '<mark>Export</mark> <mark>invoices</mark> as <mark>CSV</mark> from…'), 'en')).toBe(false);
  });

  it('ignores stop words: "how do I" matching is no match', () => {
    expect(meaningfulStems('How do I do it?', 'en')).toEqual([]);
    expect(isRelevantAnswer('How do I do it?', hit('<mark>How</mark> <mark>do</mark> <mark>I</mark> start'), 'en')).toBe(false);
  });

  it('asks for all of one or two meaningful words, half of a longer question, never more than three', () => {
    expect([1, 2, 3, 4, 5, 6, 12].map(requiredMatches)).toEqual([1, 2, 2, 2, 3, 3, 3]);
  });

  it('reads escaped marked text as the words it shows', () => {
    expect(isRelevantAnswer('AT&T roaming charges', hit('<mark>AT&amp;T</mark> <mark>roaming</mark>'), 'en')).toBe(true);
  });
});
