import type { WidgetMode } from '../../../../core/widget/widget-modes.ts';

/** What the home offers for reaching the team. */
export type ChatOffer = 'none' | 'message' | 'still-need-help';

/**
 * Whether this visitor may use the chat at all (connect, open a conversation, accept an invitation). A
 * conversation already going on is always theirs to continue, whatever the mode says now.
 */
export function chatAllowed(mode: WidgetMode, hasConversation: boolean): boolean {
  return hasConversation || mode !== 'articles_only';
}

/**
 * The button under the home's articles: always in *chat + articles*; in *articles first* only after the
 * visitor searched or opened an article in the widget (then worded "Still need help?"); never in *articles only*.
 */
export function chatOffer(mode: WidgetMode, engaged: boolean): ChatOffer {
  if (mode === 'chat_articles') return 'message';
  if (mode === 'articles_first' && engaged) return 'still-need-help';
  return 'none';
}

/** What the panel opens on: the conversation going on, else the screen the visitor last chose, else the home. */
export function openingScreen(hasConversation: boolean, lastChosen?: 'home' | 'chat'): 'home' | 'chat' {
  return hasConversation ? 'chat' : (lastChosen ?? 'home');
}
