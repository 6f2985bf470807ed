import type { TeamStatusView } from '../../../core/chat/team-status.ts';
// The formatters' own files, not core/hours/index.ts: the widget bundle must not pull in zod and Temporal.
import { formatBackAt } from '../../../core/hours/back-at-format.ts';
import { formatReplyTime } from '../../../core/hours/reply-time-format.ts';
import { fill } from './labels.ts';

/**
 * What the panel says about the team before the visitor writes:
 * - `replies-in`: open and someone is there — how fast they usually answer;
 * - `away-with-time`: closed — when they are back, on the visitor's own clock (and ask for an email);
 * - `unstaffed`: open but nobody online, or closed with no opening ahead — only ask for an email;
 * - `nothing`: no status (the request failed): chatting goes on as if nothing was said.
 */
export type TeamNotice = { kind: 'replies-in'; text: string } | { kind: 'away-with-time'; text: string } | { kind: 'unstaffed' } | { kind: 'nothing' };

export interface TeamNoticeContext {
  locale: string;
  /** The visitor's IANA zone (`Intl.DateTimeFormat().resolvedOptions().timeZone` in the browser). */
  timeZone: string;
  now: Date;
  /** "We're away — {backAt}", localized. */
  away: string;
}

/** Turns a `team:status` answer (or null when it failed) into what to show; pure, so it is tested without a browser. */
export function teamNotice(status: TeamStatusView | null, { locale, timeZone, now, away }: TeamNoticeContext): TeamNotice {
  if (!status) return { kind: 'nothing' };
  if (!status.open) {
    const opensAt = status.opensAt ? new Date(status.opensAt) : null;
    if (!opensAt || Number.isNaN(opensAt.getTime())) return { kind: 'unstaffed' };
    const backAt = formatBackAt(opensAt, { timeZone, locale, now });
    // The formatter's sentence starts with a capital ("Back tomorrow…"); here it continues one.
    return { kind: 'away-with-time', text: fill(away, { backAt: backAt.charAt(0).toLocaleLowerCase(locale) + backAt.slice(1) }) };
  }
  if (!status.staffed) return { kind: 'unstaffed' };
  return { kind: 'replies-in', text: formatReplyTime({ medianSeconds: status.expectedReplySeconds, replies: status.replies }, locale) };
}
