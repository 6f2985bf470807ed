import type { CsvTable } from './csv.ts';

/** A headline number of a report, already formatted ("42 %", "3 min", "–" when there is nothing to measure). */
export interface KeyNumber {
  label: string;
  value: string;
  /** How it is computed, in a sentence (shown under the number). */
  hint?: string;
}

/** One chart of a report page; each kind is drawn by its component in admin/components/charts/. */
export type ChartSpec =
  | { kind: 'line'; title: string; labels: string[]; series: Array<{ name: string; values: number[] }>; area?: boolean; additive?: boolean; unit?: string }
  | { kind: 'bar'; title: string; labelHeader: string; valueHeader: string; rows: Array<{ label: string; value: number; href?: string }>; unit?: string }
  | { kind: 'funnel'; title: string; steps: Array<{ label: string; value: number }> }
  | { kind: 'heatmap'; title: string; cells: number[][] };

/** What a report page shows, and what its CSV export writes. */
export interface ReportView {
  numbers: KeyNumber[];
  charts: ChartSpec[];
  /** Tables shown as they are (e.g. per-operator load), below the charts. */
  tables?: Array<{ title: string } & CsvTable>;
  /** The CSV exports, one file per section (`?table=<name>`); the first is the default download. */
  csv: Array<{ name: string; table: CsvTable }>;
}
