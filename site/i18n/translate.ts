import { IntlMessageFormat } from 'intl-messageformat';
import en from './en.json';
import ru from './ru.json';

export type MessageKey = keyof typeof en;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const catalogs: Record<string, Record<MessageKey, string>> = { en, ru };

/** Locales the interface is translated into; content locales come from the database. */
export const uiLocales = Object.keys(catalogs);

/**
 * The one `t()` for site strings: flat keys with ICU messages (`{count, plural, one {…} few {…} …}`), so
 * Russian gets its few/many forms. Compiled messages are memoised; unknown locales fall back to English.
 */
export function createTranslator(locale: string): Translate {
  const catalog = catalogs[locale] ?? en;
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  return (key, values = {}) => {
    let message = compiled.get(key);
    if (!message) {
      message = new IntlMessageFormat(catalog[key] ?? en[key], locale);
      compiled.set(key, message);
    }
    return String(message.format(values));
  };
}

/** "3 days ago" / "3 дня назад", from an ISO date, relative to now. */
export function formatRelativeDate(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(0, 'minute');
}

/** Long date in the reader's locale: "23 November 2026" / "23 ноября 2026 г.". */
export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}
