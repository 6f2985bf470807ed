/** A report as rows and columns, the shape every CSV export is written from. */
export interface CsvTable {
  columns: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>;
}

/**
 * Excel reads a CSV as the machine's legacy code page unless it starts with a byte-order mark; with it,
 * Russian article titles and queries open as written.
 */
const BOM = '\uFEFF';

/**
 * Spreadsheets run a cell that starts with one of these as a formula (`=HYPERLINK(…)` in a search query a
 * visitor typed). A leading apostrophe makes it text, as OWASP's CSV-injection advice recommends.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: text that could run as a formula gets a leading ', then quoted when it holds , " or a line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  // Numbers are written as numbers (a negative trend stays -3, not '-3); only text can carry a formula.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, header line, one line per row, CRLF line ends (RFC 4180). */
export function toCsv(table: CsvTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** `deflect-chat-2026-11-01_2026-11-30.csv`: the report and its period, safe as a download filename. */
export function csvFilename(report: string, from: string, to: string): string {
  const safe = (part: string) => part.replace(/[^\w.-]+/g, '-');
  return `deflect-${safe(report)}-${safe(from)}_${safe(to)}.csv`;
}
