import type { TimelineEvent } from '../../../core/chat/timeline-events.ts';
import type { ChatLabels } from './labels.ts';
import { fill } from './labels.ts';

const FACES = { sad: '😞', neutral: '😐', happy: '😃' } as const;

/**
 * A timeline event as the visitor reads it, in the page's language: what changed for them (who answers now,
 * closed, reopened), never who clicked what. Events stored before they carried their kind show their text.
 */
export function eventText(labels: ChatLabels['events'], event: TimelineEvent | null, body: string): string {
  switch (event?.type) {
    case 'assigned':
      return fill(labels.assigned, { name: event.name });
    case 'team':
      return labels.team;
    case 'closed':
      return labels.closed;
    case 'reopened':
      return labels.reopened;
    case 'rated':
      return fill(labels.rated, { face: FACES[event.score] });
    case 'bot_helped':
      return labels.botHelped;
    case 'bot_escalated':
      return labels.botEscalated;
    default:
      return body;
  }
}
