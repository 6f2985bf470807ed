import { fillSlots, hoursLanguage, hoursMessages } from './hours-messages.ts';

/** Below this many first replies the median says little: the widget shows the general promise instead. */
export const MIN_REPLIES_FOR_ESTIMATE = 5;

export interface FirstReplyStats {
  /** Median time to a conversation's first reply, in seconds; null when there is none yet. */
  medianSeconds: number | null;
  /** How many first replies the median is taken over. */
  replies: number;
}

type Estimate = { unit: 'minute' | 'hour' | 'day'; count: number } | 'underMinute';

/**
 * "Usually replies in ~5 minutes" / "Обычно отвечаем примерно за 5 минут", rounded as a person would say
 * it; "We usually reply within a few hours" when there are too few replies to tell.
 */
export function formatReplyTime({ medianSeconds, replies }: FirstReplyStats, locale: string): string {
  if (!Number.isInteger(replies) || replies < 0) throw new RangeError(`replies must be a whole number ≥ 0, got ${replies}`);
  if (medianSeconds !== null && !(Number.isFinite(medianSeconds) && medianSeconds >= 0)) throw new RangeError(`medianSeconds must be a number of seconds ≥ 0, got ${medianSeconds}`);
  const messages = hoursMessages(locale);
  if (medianSeconds === null || replies < MIN_REPLIES_FOR_ESTIMATE) return messages.replyUnknown;
  const estimate = approximate(medianSeconds);
  if (estimate === 'underMinute') return messages.replyUnderMinute;
  const forms = { minute: messages.replyMinutes, hour: messages.replyHours, day: messages.replyDays }[estimate.unit];
  const template = forms[new Intl.PluralRules(hoursLanguage(locale)).select(estimate.count)] ?? forms.other;
  return fillSlots(template, { count: estimate.count.toLocaleString(locale) });
}

/** Whole minutes under 10, then steps of 5 minutes, then whole hours, then whole days. */
function approximate(seconds: number): Estimate {
  if (seconds < 60) return 'underMinute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 10) return { unit: 'minute', count: minutes };
  const fiveMinutes = Math.round(seconds / 300) * 5;
  if (fiveMinutes < 60) return { unit: 'minute', count: fiveMinutes };
  const hours = Math.round(seconds / 3_600);
  if (hours < 24) return { unit: 'hour', count: hours };
  return { unit: 'day', count: Math.round(seconds / 86_400) };
}
