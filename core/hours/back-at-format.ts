import { fillSlots, hoursMessages } from './hours-messages.ts';

export interface BackAtOptions {
  /** The visitor's IANA zone, e.g. from `Intl.DateTimeFormat().resolvedOptions().timeZone` in the browser. */
  timeZone: string;
  /** The widget's locale ("en", "ru", "en-GB"…): picks the words and the clock style (9:00 AM or 09:00). */
  locale: string;
  now: Date;
}

const DAY_MS = 86_400_000;

/**
 * "Back tomorrow at 9:00 AM" / "Вернёмся в понедельник в 9:00": when a closed team opens again, on the
 * visitor's own clock and calendar (today, tomorrow, a weekday within the week, else a date). Uses only
 * Intl, so the widget can call it in the browser.
 */
export function formatBackAt(opensAt: Date, { timeZone, locale, now }: BackAtOptions): string {
  if (Number.isNaN(opensAt.getTime()) || Number.isNaN(now.getTime())) throw new RangeError('formatBackAt needs valid dates');
  const messages = hoursMessages(locale);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(opensAt);
  const openingDay = calendarDay(opensAt, timeZone);
  const daysAhead = openingDay - calendarDay(now, timeZone);
  if (daysAhead <= 0) return fillSlots(messages.backToday, { time });
  if (daysAhead === 1) return fillSlots(messages.backTomorrow, { time });
  if (daysAhead < 7) {
    const weekday = messages.weekdays[(new Date(openingDay * DAY_MS).getUTCDay() + 6) % 7] as string;
    return fillSlots(messages.backOnWeekday, { weekday, time });
  }
  const date = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long' }).format(opensAt);
  return fillSlots(messages.backOnDate, { date, time });
}

/** The visitor's calendar date at an instant, as a day number (days since 1970-01-01 on the calendar). */
function calendarDay(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(field('year'), field('month') - 1, field('day')) / DAY_MS;
}
