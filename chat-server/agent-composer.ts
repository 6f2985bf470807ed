import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { Core } from '../core/app.ts';
import type { SearchService } from '../search/search-service.ts';
import { handle } from './acks.ts';
import { searchArticlesForCards } from './article-search.ts';

const articleSearchSchema = z.object({
  query: z.string().trim().min(1, 'type a few words').max(200, 'at most 200 characters'),
  locale: z.string().regex(/^[a-z]{2}(?:-[a-z0-9]{2,5})?$/i, 'not a locale code').optional(),
});

/**
 * The composer's helpers on `/agent`: the team's saved replies (filtered in the browser as the operator
 * types, so each keystroke costs no round trip) and the help-center search for article cards.
 */
export function registerComposerRequests(socket: Socket, core: Core, search: SearchService): void {
  socket.on('replies:list', handle(core.logger, z.object({}), async () => ({ replies: await core.savedReplies.list() })));
  socket.on('articles:search', handle(core.logger, articleSearchSchema, async (input) => searchArticlesForCards(core, search, input)));
}
