import { describe, expect, it } from 'vitest';
import { linkedArticlePaths, parseHelpCenterPath } from '../../../core/widget/help-center-paths.ts';
import { choosePageSuggestions } from '../../../core/widget/page-suggestions.ts';

const article = (id: number) => ({ id, title: `Article ${id}`, description: '', url: `/en/c/a${id}` });
const locales = ['en', 'ru'];

describe('where on the help center a visitor is', () => {
  it('tells article pages, collection pages and everything else apart', () => {
    expect(parseHelpCenterPath('/en/billing/refunds', locales)).toEqual({ kind: 'article', locale: 'en', collection: 'billing', slug: 'refunds' });
    expect(parseHelpCenterPath('/ru/billing/', locales)).toEqual({ kind: 'collection', locale: 'ru', collection: 'billing' });
    for (const other of ['/', '/en', '/en/search', '/de/billing/refunds', '/en/a/b/c', '/pricing/plans', '/en/%E0%A4%A/x']) {
      expect(parseHelpCenterPath(other, locales), other).toEqual({ kind: 'other' });
    }
  });

  it('finds the help-center articles an article links to, once each, in order, ignoring other links', () => {
    const html = '<a href="/en/troubleshooting/email-not-received">a</a> <a href="https://help.example.com/en/billing/refunds#why">b</a>'
      + ' <a href="/en/troubleshooting/email-not-received">again</a> <a href="/en/billing">a collection</a> <a href="/ru/billing/refunds">ru</a> <a href="https://example.com/">out</a>';
    expect(linkedArticlePaths(html, 'en')).toEqual([
      { collection: 'troubleshooting', slug: 'email-not-received' },
      { collection: 'billing', slug: 'refunds' },
    ]);
  });
});

describe('suggestions for the page', () => {
  it('puts the articles the page links to first, then its collection, without the article being read or repeats', () => {
    const chosen = choosePageSuggestions({ currentArticleId: 1, linked: [article(7), article(2)], collection: [article(1), article(2), article(3)], popular: [article(9)] });
    expect(chosen.map((a) => a.id)).toEqual([7, 2, 3]);
  });

  it('falls back to popular articles where the page gives nothing', () => {
    expect(choosePageSuggestions({ collection: [], popular: [article(9), article(8)] }).map((a) => a.id)).toEqual([9, 8]);
    expect(choosePageSuggestions({ popular: [article(9)] }).map((a) => a.id)).toEqual([9]);
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 12 }, (_, i) => article(i + 1));
    expect(choosePageSuggestions({ collection: many, popular: [] }, 4)).toHaveLength(4);
  });
});
