import type { Core } from '../core/app.ts';
import type { AnswerFinder } from '../core/chat/answer-bot.ts';
import type { Logger } from '../core/logger.ts';
import { isRelevantAnswer } from '../search/answer-relevance.ts';
import type { SearchService } from '../search/search-service.ts';

/** The bot offers at most this many articles; it looks at a few more hits in case some fall below the bar. */
const OFFERED = 3;
const CONSIDERED = 6;

/**
 * The answer bot's search: the help center's own engine in the visitor's language (or the default one),
 * hits kept only when they pass `isRelevantAnswer`, and only articles published now. Search being down is
 * not the visitor's problem: they get no bot and a person, as if nothing matched (logged for us).
 */
export function createAnswerFinder(core: Core, search: SearchService, logger: Logger): AnswerFinder {
  return async (question, visitorLocale) => {
    try {
      const site = await core.settings.get();
      const asked = visitorLocale?.toLowerCase();
      const locale = site.locales.find((l) => l.code === asked || l.code === asked?.split('-')[0])?.code ?? site.defaultLocale;
      const { hits } = await search.search({ q: question.slice(0, 200), locale, limit: CONSIDERED, offset: 0 });
      const relevant = hits.filter((hit) => isRelevantAnswer(question, hit, locale)).slice(0, OFFERED);
      const articles = await Promise.all(relevant.map((hit) => core.helpCenter.articleById(hit.id)));
      return articles.flatMap((a) => (a ? [{ articleId: a.id, title: a.title, description: a.description, url: a.url, locale: a.locale }] : []));
    } catch (error) {
      logger.warn({ err: error }, 'answer bot search failed; the conversation goes to the team');
      return [];
    }
  };
}
