/**
 * The one clock for business hours: what a team's schedule looks like when stored, whether the team is
 * open at an instant and when that changes, and how the widget says it. Pure: no database, no I/O.
 */
export { scheduleSchema, closureSchema, intervalSchema, WEEKDAYS, type Schedule, type Closure, type Interval, type Weekday, type WeeklySchedule } from './schedule-schema.ts';
export { openState, nextOpening, type OpenState } from './open-state.ts';
export { openStretchesBetween } from './open-between.ts';
export { formatBackAt, type BackAtOptions } from './back-at-format.ts';
export { formatReplyTime, MIN_REPLIES_FOR_ESTIMATE, type FirstReplyStats } from './reply-time-format.ts';
