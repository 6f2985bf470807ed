import { describe, expect, it } from 'vitest';
import { parseHelpCenterCall } from '../../../../site/components/chat/home/help-center-api.ts';
import { suggestionsWorthShowing } from '../../../../site/components/chat/home/home-articles.ts';
import { parseHomeRequest } from '../../../../site/components/chat/home/home-request.ts';
import { chatAllowed, chatOffer, openingScreen } from '../../../../site/components/chat/home/widget-mode-gate.ts';

const article = (id: number) => ({ id, title: `Article ${id}`, description: '', url: `/en/c/a${id}` });

describe('widget modes', () => {
  it('offers the message button always with chat + articles, after engagement with articles first, never with articles only', () => {
    expect([chatOffer('chat_articles', false), chatOffer('chat_articles', true)]).toEqual(['message', 'message']);
    expect([chatOffer('articles_first', false), chatOffer('articles_first', true)]).toEqual(['none', 'still-need-help']);
    expect([chatOffer('articles_only', false), chatOffer('articles_only', true)]).toEqual(['none', 'none']);
  });

  it('keeps the chat from articles-only visitors, unless a conversation of theirs is going on', () => {
    expect(chatAllowed('articles_only', false)).toBe(false);
    expect(chatAllowed('articles_only', true)).toBe(true);
    expect(chatAllowed('articles_first', false)).toBe(true);
    expect(chatAllowed('chat_articles', false)).toBe(true);
  });

  it('opens on the conversation going on, else where the visitor last was, else on the home', () => {
    expect(openingScreen(true, 'home')).toBe('chat');
    expect(openingScreen(false, 'chat')).toBe('chat');
    expect(openingScreen(false, 'home')).toBe('home');
    expect(openingScreen(false)).toBe('home');
  });
});

describe('Deflect(openArticle | search)', () => {
  it('takes an id, a numeric string as an id, or a slug, and a search query', () => {
    expect(parseHomeRequest('openArticle', 42)).toEqual({ ok: true, request: { kind: 'article', reference: 42 } });
    expect(parseHomeRequest('openArticle', '42')).toEqual({ ok: true, request: { kind: 'article', reference: 42 } });
    expect(parseHomeRequest('openArticle', ' refunds ')).toEqual({ ok: true, request: { kind: 'article', reference: 'refunds' } });
    expect(parseHomeRequest('search', '  refund ')).toEqual({ ok: true, request: { kind: 'search', query: 'refund' } });
  });

  it('refuses malformed calls with a message naming the command', () => {
    for (const bad of [undefined, '', -3, 1.5, { id: 1 }, 'x'.repeat(201)]) {
      const parsed = parseHomeRequest('openArticle', bad);
      expect(parsed.ok, JSON.stringify(bad)).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^openArticle: /);
    }
    const search = parseHomeRequest('search', '   ');
    expect(search).toEqual({ ok: false, message: 'search: value: a query to search' });
  });

  it('on help-center pages runs open, close, openArticle and search, and refuses anything else', () => {
    expect(parseHelpCenterCall(['open'])).toEqual({ ok: true, command: { name: 'open' } });
    expect(parseHelpCenterCall(['search', 'refund'])).toEqual({ ok: true, command: { name: 'home', request: { kind: 'search', query: 'refund' } } });
    expect(parseHelpCenterCall(['identify', {}])).toMatchObject({ ok: false, message: expect.stringContaining('unknown command "identify"') });
  });
});

describe('the home lists', () => {
  it('shows "Suggested for this page" only when it says more than the popular list', () => {
    expect(suggestionsWorthShowing({ popular: [article(1), article(2)], suggestions: [article(1)] })).toEqual([]);
    expect(suggestionsWorthShowing({ popular: [article(1)], suggestions: [article(1), article(5)] }).map((a) => a.id)).toEqual([1, 5]);
  });
});
