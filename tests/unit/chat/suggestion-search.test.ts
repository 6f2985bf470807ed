import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleCard } from '../../../core/chat/article-cards.ts';
import { createSuggestionSearch } from '../../../site/components/chat/suggestion-search.ts';

/** A search API whose answers the test releases one by one, in any order. */
function controlledSearch() {
  const pending: Array<{ url: string; answer: (titles: string[]) => void }> = [];
  const fetch = vi.fn(
    (url: string) =>
      new Promise<Response>((resolve) => {
        pending.push({ url, answer: (titles) => resolve(Response.json({ hits: titles.map((title, i) => ({ id: i + 1, url: `/en/c/${i + 1}`, titleHtml: title, snippetHtml: 'It &amp; <mark>that</mark>', collectionTitle: 'C' })) })) });
      }),
  );
  return { fetch, pending };
}

describe('suggestions while the first message is typed', () => {
  let shown: ArticleCard[][];
  beforeEach(() => {
    vi.useFakeTimers();
    shown = [];
  });
  afterEach(() => vi.useRealTimers());

  it('searches once typing pauses for 300 ms, at most 3 articles, in the widget’s language', async () => {
    const api = controlledSearch();
    const search = createSuggestionSearch({ locale: 'ru', fetch: api.fetch as never, onresults: (cards) => shown.push(cards) });
    search.update('Как сменить');
    search.update('Как сменить пароль');
    search.update('Как сменить пароль?');
    await vi.advanceTimersByTimeAsync(299);
    expect(api.fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(api.fetch).toHaveBeenCalledTimes(1);
    expect(new URL(api.pending[0]!.url, 'http://x').searchParams.toString()).toBe('q=%D0%9A%D0%B0%D0%BA+%D1%81%D0%BC%D0%B5%D0%BD%D0%B8%D1%82%D1%8C+%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8C&locale=ru&limit=3');
    api.pending[0]!.answer(['<mark>Смена</mark> пароля', 'B', 'C', 'D']);
    await vi.runAllTimersAsync();
    expect(shown.at(-1)!.map((card) => card.title)).toEqual(['Смена пароля', 'B', 'C']);
    expect(shown.at(-1)![0]).toMatchObject({ articleId: 1, url: '/en/c/1', locale: 'ru', description: 'It & that' });
  });

  it('drops a slower answer to older text: only the latest question’s articles show', async () => {
    const api = controlledSearch();
    const search = createSuggestionSearch({ locale: 'en', fetch: api.fetch as never, onresults: (cards) => shown.push(cards) });
    search.update('how to reset password');
    await vi.advanceTimersByTimeAsync(300);
    search.update('how to export invoices');
    await vi.advanceTimersByTimeAsync(300);
    api.pending[1]!.answer(['Export invoices']);
    await vi.runAllTimersAsync();
    api.pending[0]!.answer(['Reset your password']);
    await vi.runAllTimersAsync();
    expect(shown.map((cards) => cards.map((c) => c.title))).toEqual([['Export invoices']]);
  });

  it('clears the list at once when the text stops looking like a question, and searches nothing', async () => {
    const api = controlledSearch();
    const search = createSuggestionSearch({ locale: 'en', fetch: api.fetch as never, onresults: (cards) => shown.push(cards) });
    search.update('how to reset password');
    await vi.advanceTimersByTimeAsync(300);
    api.pending[0]!.answer(['Reset your password']);
    await vi.runAllTimersAsync();
    search.update('hi 👋');
    expect(shown.map((cards) => cards.length)).toEqual([1, 0]);
    await vi.runAllTimersAsync();
    expect(api.fetch).toHaveBeenCalledTimes(1);
  });

  it('shows nothing when the search fails, and nothing after it was stopped', async () => {
    const failing = createSuggestionSearch({ locale: 'en', fetch: (() => Promise.reject(new TypeError('offline'))) as never, onresults: (cards) => shown.push(cards) });
    failing.update('how to reset password');
    await vi.runAllTimersAsync();
    expect(shown).toEqual([[]]);

    const api = controlledSearch();
    const stopped = createSuggestionSearch({ locale: 'en', fetch: api.fetch as never, onresults: (cards) => shown.push(cards) });
    stopped.update('how to reset password');
    await vi.advanceTimersByTimeAsync(300);
    stopped.stop();
    api.pending[0]!.answer(['Reset your password']);
    await vi.runAllTimersAsync();
    expect(shown).toEqual([[]]);
  });
});
