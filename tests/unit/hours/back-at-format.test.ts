import { describe, expect, it } from 'vitest';
import { formatBackAt } from '../../../core/hours/back-at-format.ts';

/** ICU puts a narrow no-break space before AM/PM; compared as a plain space to keep the expectations readable. */
const back = (opensAt: string, timeZone: string, locale: string, now: string) =>
  formatBackAt(new Date(opensAt), { timeZone, locale, now: new Date(now) }).replace(/\u202f/g, ' ');

// A Berlin team opens on Monday 30 November 2026 at 09:00 CET (08:00 UTC); it is Friday evening in Berlin.
const MONDAY_OPENING = '2026-11-30T08:00:00Z';
const FRIDAY_EVENING = '2026-11-27T17:30:00Z';

describe('"back at" in the visitor’s own zone and language', () => {
  it('names the weekday within the coming week, in the visitor’s clock', () => {
    expect(back(MONDAY_OPENING, 'America/New_York', 'en', FRIDAY_EVENING)).toBe('Back on Monday at 3:00 AM');
    expect(back(MONDAY_OPENING, 'Asia/Tokyo', 'en', FRIDAY_EVENING)).toBe('Back on Monday at 5:00 PM');
    expect(back(MONDAY_OPENING, 'Europe/Moscow', 'ru', FRIDAY_EVENING)).toBe('Вернёмся в понедельник в 11:00');
  });

  it('uses Russian weekday forms after "в"/"во"', () => {
    const thursday = '2026-11-26T08:00:00Z';
    expect(back('2026-11-24T08:00:00Z', 'Europe/Moscow', 'ru', '2026-11-21T12:00:00Z')).toBe('Вернёмся во вторник в 11:00');
    expect(back('2026-11-25T08:00:00Z', 'Europe/Moscow', 'ru', '2026-11-21T12:00:00Z')).toBe('Вернёмся в среду в 11:00');
    expect(back(thursday, 'Europe/Moscow', 'ru', '2026-11-21T12:00:00Z')).toBe('Вернёмся в четверг в 11:00');
    expect(back('2026-11-27T08:00:00Z', 'Europe/Moscow', 'ru', '2026-11-21T12:00:00Z')).toBe('Вернёмся в пятницу в 11:00');
    expect(back('2026-11-28T08:00:00Z', 'Europe/Moscow', 'ru', '2026-11-26T12:00:00Z')).toBe('Вернёмся в субботу в 11:00');
    expect(back('2026-11-29T08:00:00Z', 'Europe/Moscow', 'ru', '2026-11-26T12:00:00Z')).toBe('Вернёмся в воскресенье в 11:00');
  });

  it('says today or tomorrow by the visitor’s calendar, not the team’s', () => {
    const saturdayOpening = '2026-11-28T08:00:00Z'; // Saturday 09:00 in Berlin
    const lateFriday = '2026-11-27T23:30:00Z'; // still Friday in Los Angeles, already Saturday in Moscow
    expect(back(saturdayOpening, 'America/Los_Angeles', 'en', lateFriday)).toBe('Back tomorrow at 12:00 AM');
    expect(back(saturdayOpening, 'Europe/Moscow', 'ru', lateFriday)).toBe('Вернёмся сегодня в 11:00');
    expect(back(saturdayOpening, 'Europe/Moscow', 'ru', '2026-11-27T12:00:00Z')).toBe('Вернёмся завтра в 11:00');
    expect(back(saturdayOpening, 'Europe/Berlin', 'en', '2026-11-28T06:00:00Z')).toBe('Back today at 9:00 AM');
  });

  it('gives the date a week or more ahead', () => {
    expect(back('2026-12-28T08:00:00Z', 'Europe/Berlin', 'en', '2026-12-21T18:00:00Z')).toBe('Back on December 28 at 9:00 AM');
    expect(back('2026-12-28T08:00:00Z', 'Europe/Berlin', 'ru', '2026-12-21T18:00:00Z')).toBe('Вернёмся 28 декабря в 9:00');
  });

  it('follows the locale’s clock style, and falls back to English words for other languages', () => {
    expect(back(MONDAY_OPENING, 'Europe/London', 'en-GB', FRIDAY_EVENING)).toBe('Back on Monday at 8:00');
    expect(back(MONDAY_OPENING, 'Europe/Moscow', 'ru-RU', FRIDAY_EVENING)).toBe('Вернёмся в понедельник в 11:00');
    expect(back(MONDAY_OPENING, 'Europe/Berlin', 'de', FRIDAY_EVENING)).toBe('Back on Monday at 9:00');
  });

  it('refuses an unknown zone or an invalid date with a clear error', () => {
    expect(() => back(MONDAY_OPENING, 'Mars/Olympus', 'en', FRIDAY_EVENING)).toThrowError(RangeError);
    expect(() => back('soon', 'Europe/Berlin', 'en', FRIDAY_EVENING)).toThrowError('formatBackAt needs valid dates');
  });
});
