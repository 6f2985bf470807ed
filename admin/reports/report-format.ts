/** How report numbers read: a dash when there is nothing to measure, never "NaN %" or "0 min" for "no data". */

/** 0.4234 → "42%"; null (no denominator) → "–". */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? '–' : `${Math.round(rate * 100)}%`;
}

/** Seconds as the largest sensible unit: "45 s", "12 min", "3 h 20 min", "2 d 4 h"; null → "–". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** 12345 → "12,345". */
export function formatCount(value: number): string {
  return value.toLocaleString('en');
}
