/**
 * The clock's words in the widget's languages. They live here, not in site/i18n, because core/ imports
 * nothing of ours and the formatters must also run in the browser without a message formatter: plural
 * forms are picked with the built-in Intl.PluralRules (Russian needs one, few and many).
 */
export type HoursLanguage = 'en' | 'ru';

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface HoursMessages {
  /** `{time}` in the visitor's clock. */
  backToday: string;
  backTomorrow: string;
  /** `{weekday}` from `weekdays`, within the coming week. */
  backOnWeekday: string;
  /** `{date}`: day and month, a week or more ahead. */
  backOnDate: string;
  /** Monday first, as they stand in `backOnWeekday` (Russian needs "в среду", "во вторник"). */
  weekdays: [string, string, string, string, string, string, string];
  replyUnderMinute: string;
  replyMinutes: PluralForms;
  replyHours: PluralForms;
  replyDays: PluralForms;
  /** When there are too few replies to tell. */
  replyUnknown: string;
}

const en: HoursMessages = {
  backToday: 'Back today at {time}',
  backTomorrow: 'Back tomorrow at {time}',
  backOnWeekday: 'Back on {weekday} at {time}',
  backOnDate: 'Back on {date} at {time}',
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  replyUnderMinute: 'Usually replies in under a minute',
  replyMinutes: { one: 'Usually replies in ~{count} minute', other: 'Usually replies in ~{count} minutes' },
  replyHours: { one: 'Usually replies in ~{count} hour', other: 'Usually replies in ~{count} hours' },
  replyDays: { one: 'Usually replies in ~{count} day', other: 'Usually replies in ~{count} days' },
  replyUnknown: 'We usually reply within a few hours',
};

const ru: HoursMessages = {
  backToday: 'Вернёмся сегодня в {time}',
  backTomorrow: 'Вернёмся завтра в {time}',
  backOnWeekday: 'Вернёмся {weekday} в {time}',
  backOnDate: 'Вернёмся {date} в {time}',
  weekdays: ['в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу', 'в воскресенье'],
  replyUnderMinute: 'Обычно отвечаем меньше чем за минуту',
  replyMinutes: { one: 'Обычно отвечаем примерно за {count} минуту', few: 'Обычно отвечаем примерно за {count} минуты', many: 'Обычно отвечаем примерно за {count} минут', other: 'Обычно отвечаем примерно за {count} минуты' },
  replyHours: { one: 'Обычно отвечаем примерно за {count} час', few: 'Обычно отвечаем примерно за {count} часа', many: 'Обычно отвечаем примерно за {count} часов', other: 'Обычно отвечаем примерно за {count} часа' },
  replyDays: { one: 'Обычно отвечаем примерно за {count} день', few: 'Обычно отвечаем примерно за {count} дня', many: 'Обычно отвечаем примерно за {count} дней', other: 'Обычно отвечаем примерно за {count} дня' },
  replyUnknown: 'Обычно мы отвечаем в течение нескольких часов',
};

/** Russian for "ru", "ru-RU"…; English for everything else, as the site's own translations fall back. */
export function hoursLanguage(locale: string): HoursLanguage {
  return locale.toLowerCase().split('-')[0] === 'ru' ? 'ru' : 'en';
}

export function hoursMessages(locale: string): HoursMessages {
  return hoursLanguage(locale) === 'ru' ? ru : en;
}

/** Fills `{name}` slots (a replacer function, so `$&` in a value stays literal). */
export function fillSlots(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot);
}
