import { describe, expect, it } from 'vitest';
import { formatReplyTime, MIN_REPLIES_FOR_ESTIMATE } from '../../../core/hours/reply-time-format.ts';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const enough = MIN_REPLIES_FOR_ESTIMATE;
const en = (medianSeconds: number | null, replies = enough) => formatReplyTime({ medianSeconds, replies }, 'en');
const ru = (medianSeconds: number | null, replies = enough) => formatReplyTime({ medianSeconds, replies }, 'ru');

describe('the expected reply time', () => {
  it('falls back to a general promise with no median or too few replies', () => {
    expect(en(null)).toBe('We usually reply within a few hours');
    expect(en(5 * MINUTE, enough - 1)).toBe('We usually reply within a few hours');
    expect(ru(null)).toBe('Обычно мы отвечаем в течение нескольких часов');
    expect(en(5 * MINUTE, enough)).toBe('Usually replies in ~5 minutes');
  });

  it('rounds as a person would: under a minute, whole minutes, steps of 5, whole hours, whole days', () => {
    expect(en(40)).toBe('Usually replies in under a minute');
    expect(en(70)).toBe('Usually replies in ~1 minute');
    expect(en(4 * MINUTE + 40)).toBe('Usually replies in ~5 minutes');
    expect(en(23 * MINUTE)).toBe('Usually replies in ~25 minutes');
    expect(en(58 * MINUTE)).toBe('Usually replies in ~1 hour');
    expect(en(3 * HOUR + 10 * MINUTE)).toBe('Usually replies in ~3 hours');
    expect(en(23 * HOUR + 50 * MINUTE)).toBe('Usually replies in ~1 day');
    expect(en(2 * DAY + 5 * HOUR)).toBe('Usually replies in ~2 days');
  });

  it('uses the Russian plural forms (one, few, many)', () => {
    expect(ru(40)).toBe('Обычно отвечаем меньше чем за минуту');
    expect(ru(MINUTE)).toBe('Обычно отвечаем примерно за 1 минуту');
    expect(ru(3 * MINUTE)).toBe('Обычно отвечаем примерно за 3 минуты');
    expect(ru(5 * MINUTE)).toBe('Обычно отвечаем примерно за 5 минут');
    expect(ru(HOUR)).toBe('Обычно отвечаем примерно за 1 час');
    expect(ru(2 * HOUR)).toBe('Обычно отвечаем примерно за 2 часа');
    expect(ru(11 * HOUR)).toBe('Обычно отвечаем примерно за 11 часов');
    expect(ru(21 * HOUR)).toBe('Обычно отвечаем примерно за 21 час');
    expect(ru(22 * HOUR)).toBe('Обычно отвечаем примерно за 22 часа');
    expect(ru(DAY)).toBe('Обычно отвечаем примерно за 1 день');
    expect(ru(4 * DAY)).toBe('Обычно отвечаем примерно за 4 дня');
    expect(ru(21 * DAY)).toBe('Обычно отвечаем примерно за 21 день');
    expect(ru(25 * DAY)).toBe('Обычно отвечаем примерно за 25 дней');
  });

  it('speaks Russian for ru-RU and English for languages it does not know', () => {
    expect(formatReplyTime({ medianSeconds: 2 * HOUR, replies: enough }, 'ru-RU')).toBe('Обычно отвечаем примерно за 2 часа');
    expect(formatReplyTime({ medianSeconds: 2 * HOUR, replies: enough }, 'fr')).toBe('Usually replies in ~2 hours');
  });

  it('refuses a negative or non-finite median and a broken reply count', () => {
    expect(() => en(-5)).toThrowError('medianSeconds must be a number of seconds ≥ 0, got -5');
    expect(() => en(Number.NaN)).toThrowError(RangeError);
    expect(() => en(60, 2.5)).toThrowError('replies must be a whole number ≥ 0, got 2.5');
  });
});
