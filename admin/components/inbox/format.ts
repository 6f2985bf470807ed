import type { InboxRow } from '../../../core/chat/index.ts';

/** What the list calls a visitor: their name, else "Visitor (de)" so two anonymous ones still differ by language. */
export function visitorLabel(visitor: InboxRow['visitor'] | undefined): string {
  if (visitor?.name) return visitor.name;
  return visitor?.locale ? `Visitor (${visitor.locale})` : 'Visitor';
}

/** "45 s", "12 min", "3 h 05 min", "2 d 4 h": how long a visitor has been waiting, compact for the list. */
export function waitingFor(sinceIso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A message's time of day, for the timeline. */
export const timeOf = (iso: string): string => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
