/**
 * Series colours (each ≥ 3:1 against white, as WCAG asks of graphics) and dash patterns, so two lines are
 * told apart without seeing colour too.
 */
export const SERIES_STYLES = [
  { colour: '#4f46e5', dash: '' },
  { colour: '#0f766e', dash: '6 3' },
  { colour: '#b45309', dash: '2 3' },
  { colour: '#be123c', dash: '8 3 2 3' },
] as const;

export function seriesStyle(index: number): (typeof SERIES_STYLES)[number] {
  return SERIES_STYLES[index % SERIES_STYLES.length]!;
}
