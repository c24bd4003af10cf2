import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../fs/csv';
import { detectDelimiter, readCsv, readCsvFile } from './csv-read';

async function* chunksOf(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('reading CSV', () => {
  it('reads quoted fields with separators, quotes and newlines inside, CRLF, and a UTF-8 BOM', async () => {
    const text = '\uFEFFemail,name\r\n"a@x.com","Smith, ""Al""\r\nJr."\r\nb@x.com,Bé\r\n';
    const sheet = await readCsv(chunksOf(utf8(text), 3));
    expect(sheet.encoding).toBe('utf-8');
    expect(sheet.headers).toEqual(['email', 'name']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['a@x.com', 'Smith, "Al"\r\nJr.'] },
      { row: 3, cells: ['b@x.com', 'Bé'] },
    ]);
    expect(sheet.issues).toEqual([]);
  });

  it("reads Excel's Unicode text (UTF-16 LE with a BOM, tab separated) and UTF-16 BE", async () => {
    const body = 'Email\tFirst name\nq@x.com\tZoë\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
    const sheet = await readCsv(chunksOf(le, 5));
    expect(sheet).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', headers: ['Email', 'First name'] });
    expect(sheet.rows[0]!.cells).toEqual(['q@x.com', 'Zoë']);
    const be = Buffer.from(le);
    be.swap16();
    const sheetBe = await readCsv(chunksOf(be, 5));
    expect(sheetBe.encoding).toBe('utf-16be');
    expect(sheetBe.rows[0]!.cells).toEqual(['q@x.com', 'Zoë']);
  });

  it('finds the separator from the first lines', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('|');
    expect(detectDelimiter('"x;y",b\n"1;2",3\n')).toBe(',');
  });

  it('reports a row it cannot read by its number and keeps the others', async () => {
    const sheet = await readCsv(chunksOf(utf8('h1,h2\nok@x.com,A\n\nnext@x.com,B\nbad@x.com,"never closed\n')));
    expect(sheet.rows.map((r) => r.cells[0])).toEqual(['ok@x.com', 'next@x.com']);
    expect(sheet.issues).toHaveLength(1);
    // Numbered as a spreadsheet shows it: the blank line is row 3.
    expect(sheet.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(sheet.issues[0]!.row).toBe(5);
    expect(sheet.issues[0]!.message).toContain('not closed');
  });

  it('refuses a binary file with a clear message', async () => {
    await expect(readCsv(chunksOf(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0x41, 0, 0x42])))).rejects.toThrow(
      /not text/,
    );
  });

  it('reads back what the member export writes, formulas defused and all', async () => {
    const rows = [
      ['userName', 'givenName', 'familyName', 'groups'],
      ['a@x.com', '=cmd()', 'O"Brien, Jr', 'Design; Ops'],
      ['b@x.com', '-minus', 'multi\nline', ''],
    ];
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'csv-')), 'export.csv');
    writeFileSync(file, rows.map(csvLine).join('\n') + '\n');
    const sheet = await readCsvFile(file);
    expect([sheet.headers, ...sheet.rows.map((r) => r.cells)]).toEqual(rows);
  });

  it('never throws on arbitrary input and numbers every row it kept or reported once (10,000 inputs)', async () => {
    const unit = fc.constantFrom('a', 'b', ',', ';', '\t', '"', '\n', '\r', ' ', 'é', '\uFEFF', '@', '.', '\u0000');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit, maxLength: 200 }).map(utf8),
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ unit, maxLength: 40 }).map((s) => utf8(`email,name\n${s}\n${'x'.repeat(5000)},"${s}`)),
        ),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, chunk) => {
          let sheet;
          try {
            sheet = await readCsv(chunksOf(bytes, chunk), { maxRecordChars: 2048 });
          } catch (error) {
            // The only refusals are clear ones: not a text file, or no readable header row.
            expect(String(error)).toMatch(/not text|first row \(the column names\) could not be read/);
            return;
          }
          const numbers = [...sheet.rows.map((r) => r.row), ...sheet.issues.map((i) => i.row)].sort((a, b) => a - b);
          // Each row once, after the header (blank lines take their own numbers, as in a spreadsheet).
          expect(new Set(numbers).size).toBe(numbers.length);
          expect(numbers.every((n) => n >= 2)).toBe(true);
          for (const issue of sheet.issues) expect(issue.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
