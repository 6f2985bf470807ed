import { describe, expect, it } from 'vitest';
import { bands, heatOpacity, linePath, percentOf, pointPositions, scaleLinear, valueAxis } from '../../../../admin/reports/chart-scale.ts';

describe('chart scales', () => {
  it('puts the value axis at a round number above the data, with round ticks', () => {
    expect(valueAxis(37)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(valueAxis(8)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(valueAxis(1234)).toEqual({ max: 1500, ticks: [0, 500, 1000, 1500] });
  });

  it('never labels half a conversation: counts get whole ticks, rates may not', () => {
    expect(valueAxis(2)).toEqual({ max: 2, ticks: [0, 1, 2] });
    expect(valueAxis(0.3, { integer: false }).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('gives an empty period a usable 0–1 axis instead of dividing by zero', () => {
    expect(valueAxis(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(scaleLinear(0, 100, 0)(0)).toBe(100);
  });

  it('maps values onto pixels, upside down for SVG y', () => {
    const y = scaleLinear(40, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(40)).toBe(0);
    expect(y(10)).toBe(150);
  });

  it('spreads days evenly and centres a single day', () => {
    expect(pointPositions(3, 0, 100)).toEqual([0, 50, 100]);
    expect(pointPositions(1, 0, 100)).toEqual([50]);
    expect(pointPositions(0, 0, 100)).toEqual([]);
  });

  it('draws a line, and closes the area under it down to the baseline', () => {
    expect(linePath([[0, 10], [50, 5]])).toBe('M0,10 L50,5');
    expect(linePath([[0, 10], [50, 5]], 100)).toBe('M0,10 L50,5 L50,100 L0,100 Z');
    expect(linePath([])).toBe('');
  });

  it('cuts equal bars with gaps that fill the space exactly', () => {
    const bars = bands(3, 0, 100, 5);
    expect(bars.map((b) => b.size)).toEqual([30, 30, 30]);
    expect(bars.map((b) => b.offset)).toEqual([0, 35, 70]);
  });

  it('shades heatmap cells: empty is blank, any activity is visible, the busiest is full', () => {
    expect(heatOpacity(0, 10)).toBe(0);
    expect(heatOpacity(1, 100)).toBeGreaterThanOrEqual(0.15);
    expect(heatOpacity(10, 10)).toBe(1);
  });

  it('gives step-to-step percentages, and none when the step before had nobody', () => {
    expect(percentOf(25, 200)).toBe(13);
    expect(percentOf(0, 0)).toBeNull();
  });
});
