/**
 * How the help-center widget offers the chat (admin: Settings → Widget):
 * - `chat_articles`: the home (search, articles) and a "Send us a message" button;
 * - `articles_first`: the home; the chat is offered only once the visitor has searched or opened an article;
 * - `articles_only`: the home and nothing else — no chat button, no socket connection.
 * A visitor with a conversation going on always gets it back, whatever the mode.
 */
export const WIDGET_MODES = ['chat_articles', 'articles_first', 'articles_only'] as const;
export type WidgetMode = (typeof WIDGET_MODES)[number];

export const DEFAULT_WIDGET_MODE: WidgetMode = 'chat_articles';

/** The mode names the admin's settings form shows. */
export const WIDGET_MODE_NAMES: Record<WidgetMode, string> = {
  chat_articles: 'Chat + articles',
  articles_first: 'Articles first (chat after a search or an article)',
  articles_only: 'Articles only (no chat)',
};
