/**
 * What a day summary holds (table `report_day_facts`, migration 0027). A *set* fact keeps the members
 * (visitor numbers, or conversation ids for `handled`) so days can be unioned; a *count* fact only adds up;
 * a *values* fact keeps the numbers a percentile needs (big-endian float8s: `reply_pairs` the creation and
 * first-reply epoch ms of each answered conversation, measured in business hours at report time, and
 * `resolutions` the seconds to each first close).
 * Each fact is keyed by the one dimension a report filters it on: the event's locale, or the conversation's
 * team (`subject_id` is the article or the operator it is about).
 */
export const SET_KINDS = ['visited', 'engaged', 'opened_widget', 'chatted', 'needed_human', 'handled'] as const;
export const COUNT_KINDS = [
  'article_views', 'searches', 'failed_searches', 'no_click_searches', 'widget_searches', 'widget_failed_searches',
  'deflections', 'bot_helped', 'bot_escalated', 'led_to_chat', 'unanswered', 'reopened',
] as const;
export const VALUE_KINDS = ['reply_pairs', 'resolutions'] as const;

export type SetKind = (typeof SET_KINDS)[number];
export type CountKind = (typeof COUNT_KINDS)[number];
export type ValueKind = (typeof VALUE_KINDS)[number];
export type FactKind = SetKind | CountKind | ValueKind;

/** Kinds keyed by locale (the report's `locale` filter applies to them); the others are keyed by team or by nothing. */
export const LOCALE_KINDS: ReadonlySet<FactKind> = new Set(['visited', 'article_views', 'searches', 'failed_searches', 'no_click_searches', 'widget_searches', 'widget_failed_searches', 'deflections']);
/** Kinds keyed by the conversation's team (the report's `teamId` filter applies to them). */
export const TEAM_KINDS: ReadonlySet<FactKind> = new Set([
  'chatted', 'needed_human', 'bot_helped', 'bot_escalated', 'led_to_chat', 'unanswered', 'reopened', 'reply_pairs', 'resolutions',
]);
