import { fill, type ChatLabels } from './labels.ts';
import type { ChatInvitation } from './open-chat.ts';

/** The panel's context line ("About: Reset your password") and the prompt that replaces the intro. */
export function invitationText(invitation: ChatInvitation, labels: Pick<ChatLabels, 'aboutArticle' | 'aboutSearch' | 'promptArticle' | 'promptSearch'>): { about: string; prompt: string } {
  const { origin } = invitation;
  if (origin.kind === 'search') return { about: fill(labels.aboutSearch, { query: origin.query }), prompt: labels.promptSearch };
  return { about: fill(labels.aboutArticle, { title: invitation.title ?? `#${origin.articleId}` }), prompt: labels.promptArticle };
}
