/**
 * A page view of an article counts toward a chat the same visitor started within this long after it: the
 * usual web-analytics visit (a visit ends after 30 minutes without activity). Migration 0027's trigger on
 * help_center_events repeats it (a view forgets the summary of the day 30 minutes later too).
 */
export const VISIT_WINDOW_MINUTES = 30;
