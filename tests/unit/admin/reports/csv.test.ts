import { describe, expect, it } from 'vitest';
import { csvCell, csvFilename, toCsv } from '../../../../admin/reports/csv.ts';

describe('CSV export', () => {
  it('starts with a byte-order mark so Excel opens Russian as written, and ends lines with CRLF', () => {
    const csv = toCsv({ columns: ['Запрос', 'Поиски'], rows: [['как вернуть деньги', 3]] });
    expect(csv.startsWith('\uFEFFЗапрос,Поиски\r\n')).toBe(true);
    expect(csv).toBe('\uFEFFЗапрос,Поиски\r\nкак вернуть деньги,3\r\n');
  });

  it('quotes commas, quotes and line breaks so a cell stays one cell', () => {
    expect(csvCell('refund, please')).toBe('"refund, please"');
    expect(csvCell('the "pro" plan')).toBe('"the ""pro"" plan"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('makes text that a spreadsheet would run as a formula into text', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-rf')).toBe("'-rf");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('keeps numbers as numbers (a falling trend is -3, not text) and leaves missing values empty', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('names the file after the report and its period', () => {
    expect(csvFilename('chat', '2026-11-01', '2026-11-30')).toBe('deflect-chat-2026-11-01_2026-11-30.csv');
    expect(csvFilename('../x y', 'a', 'b')).toBe('deflect-..-x-y-a_b.csv');
  });
});
