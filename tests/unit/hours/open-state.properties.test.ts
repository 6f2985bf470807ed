import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextOpening, openState } from '../../../core/hours/open-state.ts';
import { scenarioArbitrary } from '../../support/hours/schedule-arbitrary.ts';
import { isOpenByWallClock } from '../../support/hours/wall-time-oracle.ts';

const RUNS = { numRuns: 300 };
const SAMPLES = 30;

/** Instants strictly between `from` and `to`: evenly spread, plus the last minute and millisecond before `to`. */
function between(from: number, to: number): number[] {
  const step = (to - from) / (SAMPLES + 1);
  const spread = Array.from({ length: SAMPLES }, (_, i) => Math.round(from + step * (i + 1)));
  return [...spread, to - 60_000, to - 1].filter((instant) => instant > from && instant < to);
}

// A few hundred cases take about a second of CPU; the timeout leaves room for a machine shared by several test runs.
describe('openState and nextOpening, for any schedule and instant in 2026 (Berlin, New York, Moscow)', { timeout: 30_000 }, () => {
  it('open exactly when the wall clock is in an interval of that day (or yesterday’s past midnight) and the day is not closed', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ schedule, instant }) => {
        expect(openState(schedule, new Date(instant)).open).toBe(isOpenByWallClock(schedule, instant));
      }),
      RUNS,
    );
  });

  it('while closed, opensAt is the next opening: in the future, open itself, and nothing open before it', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ schedule, instant }) => {
        const state = openState(schedule, new Date(instant));
        fc.pre(!state.open);
        const opensAt = state.open ? null : state.opensAt;
        expect(nextOpening(schedule, new Date(instant))).toEqual(opensAt);
        if (opensAt === null) return;
        expect(opensAt.getTime()).toBeGreaterThan(instant);
        expect(isOpenByWallClock(schedule, opensAt.getTime())).toBe(true);
        for (const sample of between(instant, opensAt.getTime())) expect(isOpenByWallClock(schedule, sample), new Date(sample).toISOString()).toBe(false);
      }),
      RUNS,
    );
  });

  it('while open, it stays open until closesAt, is closed at closesAt, and nextOpening is the first opening after that', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ schedule, instant: generated }) => {
        // Most generated instants fall in closed time: those test the moment the team next opens instead.
        const generatedState = openState(schedule, new Date(generated));
        const instant = generatedState.open ? generated : generatedState.opensAt?.getTime();
        fc.pre(instant !== undefined);
        const state = openState(schedule, new Date(instant));
        expect(state.open).toBe(true);
        const closesAt = state.open ? state.closesAt : null;
        const next = nextOpening(schedule, new Date(instant));
        if (closesAt === null) {
          expect(next).toBeNull();
          return;
        }
        expect(closesAt.getTime()).toBeGreaterThan(instant);
        expect(openState(schedule, new Date(closesAt.getTime() - 1)).open).toBe(true);
        expect(openState(schedule, closesAt).open).toBe(false);
        for (const sample of between(instant, closesAt.getTime())) expect(isOpenByWallClock(schedule, sample), new Date(sample).toISOString()).toBe(true);
        if (next === null) return;
        expect(isOpenByWallClock(schedule, next.getTime())).toBe(true);
        for (const sample of [closesAt.getTime(), ...between(closesAt.getTime(), next.getTime())]) expect(isOpenByWallClock(schedule, sample)).toBe(false);
      }),
      RUNS,
    );
  });
});
