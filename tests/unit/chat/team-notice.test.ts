import { describe, expect, it } from 'vitest';
import type { TeamStatusView } from '../../../core/chat/team-status.ts';
import { teamNotice, type TeamNotice } from '../../../site/components/chat/team-notice.ts';

// Friday 27 November 2026, 18:30 in Berlin; the team opens again on Monday at 09:00 Berlin (08:00 UTC).
const NOW = new Date('2026-11-27T17:30:00Z');
const MONDAY_OPENING = '2026-11-30T08:00:00Z';

const status = (overrides: Partial<TeamStatusView>): TeamStatusView => ({
  team: { id: 1, name: 'Support' },
  open: true,
  staffed: true,
  opensAt: null,
  closesAt: null,
  expectedReplySeconds: 300,
  replies: 12,
  ...overrides,
});

const en = { locale: 'en', timeZone: 'Europe/Berlin', now: NOW, away: 'We’re away — {backAt}' };
const ru = { locale: 'ru', timeZone: 'Europe/Berlin', now: NOW, away: 'Нас сейчас нет — {backAt}' };

/** ICU puts a narrow no-break space before AM/PM; compared as a plain space to keep the expectations readable. */
const plain = (notice: TeamNotice) => ('text' in notice ? { ...notice, text: notice.text.replace(/\u202f/g, ' ') } : notice);

describe('what the widget says about the team before the visitor writes', () => {
  it('open and staffed: how fast the team usually replies', () => {
    expect(teamNotice(status({}), en)).toEqual({ kind: 'replies-in', text: 'Usually replies in ~5 minutes' });
    expect(teamNotice(status({}), ru)).toEqual({ kind: 'replies-in', text: 'Обычно отвечаем примерно за 5 минут' });
  });

  it('open and staffed with too few replies to measure: the general promise', () => {
    expect(teamNotice(status({ expectedReplySeconds: 300, replies: 2 }), en)).toEqual({ kind: 'replies-in', text: 'We usually reply within a few hours' });
    expect(teamNotice(status({ expectedReplySeconds: null, replies: 0 }), en)).toEqual({ kind: 'replies-in', text: 'We usually reply within a few hours' });
  });

  it('closed: away, and back at the opening on the visitor’s own clock and in their language', () => {
    const closed = status({ open: false, staffed: false, opensAt: MONDAY_OPENING });
    expect(plain(teamNotice(closed, en))).toEqual({ kind: 'away-with-time', text: 'We’re away — back on Monday at 9:00 AM' });
    expect(plain(teamNotice(closed, { ...en, timeZone: 'America/New_York' }))).toEqual({ kind: 'away-with-time', text: 'We’re away — back on Monday at 3:00 AM' });
    expect(teamNotice(closed, ru)).toEqual({ kind: 'away-with-time', text: 'Нас сейчас нет — вернёмся в понедельник в 9:00' });
  });

  it('open but nobody online: only the email prompt, no "away"', () => {
    expect(teamNotice(status({ staffed: false }), en)).toEqual({ kind: 'unstaffed' });
  });

  it('closed with no opening ahead, or an unreadable one: the email prompt without a time', () => {
    expect(teamNotice(status({ open: false, staffed: false, opensAt: null }), en)).toEqual({ kind: 'unstaffed' });
    expect(teamNotice(status({ open: false, staffed: false, opensAt: 'soon' }), en)).toEqual({ kind: 'unstaffed' });
  });

  it('no status (the request failed): nothing is said', () => {
    expect(teamNotice(null, en)).toEqual({ kind: 'nothing' });
  });
});
