/** A report section as a plain table (CSV export, a table under a chart): column names, then rows of cells. */
export interface ReportTable {
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

/** A table from objects, one row each, in the order of `columns` (which are also the object keys). */
export function tableOf<T extends object>(columns: ReadonlyArray<keyof T & string>, items: readonly T[]): ReportTable {
  return { columns: [...columns], rows: items.map((item) => columns.map((column) => (item[column] ?? null) as string | number | null)) };
}

/** Nearest-rank percentile (the value at or below which `p` of the values lie); null for no values. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** `part / whole`, rounded to 4 decimals; null when the whole is 0 (no data is not 0 %). */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
