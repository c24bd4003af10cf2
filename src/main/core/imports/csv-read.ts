import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse, type CsvError, type Options as ParseOptions } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { AppError } from '../errors';
import { decodeChunks, detectEncoding, type CsvEncoding } from './csv-decode';

/**
 * Reads a CSV file as spreadsheets and identity providers write them: UTF-8 with or without a BOM,
 * UTF-16 LE/BE with a BOM (Excel's "Unicode text"), comma, semicolon, tab or pipe separated (found
 * from the first lines), quoted fields with separators and newlines inside, CRLF or LF. The file is
 * streamed through csv-parse, so a 100 MB file never sits in memory as one string and the event
 * loop stays free between chunks. A row that cannot be read is reported with its number and
 * skipped; the rest is kept.
 */

export interface CsvRow {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number;
  cells: string[];
}

export interface CsvIssue {
  row: number;
  message: string;
}

export interface CsvSheet {
  encoding: CsvEncoding;
  delimiter: string;
  headers: string[];
  rows: CsvRow[];
  /** Rows that could not be read (broken quotes, a record over the size limit, …). */
  issues: CsvIssue[];
  /** Characters that were not valid in the encoding and were replaced with U+FFFD. */
  replacedCharacters: number;
  bytes: number;
}

export interface CsvReadOptions {
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  /** Largest single record, in characters (a huge field is reported, not kept). */
  maxRecordChars?: number;
  /** Bytes read so far, now and then. */
  onProgress?(bytesRead: number, totalBytes: number): void;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
const DEFAULT_MAX_RECORD = 1024 * 1024;

/**
 * The separator that splits the first lines into the same number of fields (more than one), the
 * comma when nothing does better.
 */
export function detectDelimiter(sample: string): string {
  // Up to the last complete line of the sample, so a cut-off quote does not confuse the count.
  const cut = sample.lastIndexOf('\n');
  const text = cut > 0 ? sample.slice(0, cut) : sample;
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    let records: string[][];
    try {
      const parsed: unknown = parseSync(text, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        to: 20,
      });
      records = parsed as string[][];
    } catch {
      continue;
    }
    if (records.length === 0) continue;
    const widths = records.map((r) => r.length);
    const first = widths[0]!;
    if (first < 2) continue;
    const consistent = widths.filter((w) => w === first).length / widths.length;
    const score = consistent * 100 + Math.min(first, 50);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** A cell a spreadsheet export defused with a leading apostrophe (`'=x`) is read back as `=x`. */
export function undefuse(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** Reads CSV from a stream of bytes (a file, or bytes in a test). */
export async function readCsv(chunks: AsyncIterable<Uint8Array>, options: CsvReadOptions = {}): Promise<CsvSheet> {
  const counters = { replaced: 0, bytes: 0 };
  let encoding: CsvEncoding = 'utf-8';
  const texts = decodeChunks(
    chunks,
    (head) => {
      const found = detectEncoding(head);
      encoding = found.encoding;
      return found;
    },
    counters,
    options.onProgress ? (b) => options.onProgress!(b, 0) : undefined,
  );

  // The first text chunk (at least 4 KiB of bytes) decides the separator.
  const first = await texts.next();
  const sample = first.done ? '' : first.value;
  if (sample.includes('\u0000')) {
    throw new AppError('INVALID_INPUT', 'This file is not text (it contains NUL bytes). Choose a CSV file.');
  }
  const delimiter = detectDelimiter(sample.slice(0, 64 * 1024));
  const issues: CsvIssue[] = [];
  // Rows are numbered as a spreadsheet shows them (the header is row 1): kept and skipped records
  // alike, and blank lines too, which are counted and dropped here rather than skipped unseen by
  // the parser. csv-parse calls on_record and on_skip in file order.
  let counted = 0;
  const parseOptions: ParseOptions<CsvRow, string[]> = {
    delimiter,
    relax_column_count: true,
    // A quote inside an unquoted field is kept as text (`"bad"x` stays one field), instead of
    // throwing the parser out of step with the rows that follow.
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    max_record_size: options.maxRecordChars ?? DEFAULT_MAX_RECORD,
    on_record: (record: string[]) => {
      counted += 1;
      if (record.length === 1 && record[0] === '') return undefined;
      return { row: counted, cells: record.map(undefuse) };
    },
    on_skip: (error: CsvError | undefined) => {
      counted += 1;
      issues.push({ row: counted, message: describeCsvError(error) });
      return undefined;
    },
  };
  // csv-parse's non-generic overload is the one that takes a stream's options; its records are ours.
  const parser = parse(parseOptions as unknown as ParseOptions);
  const feed = (async () => {
    try {
      if (!first.done) {
        if (!parser.write(first.value)) await waitDrain(parser);
      }
      for await (const text of texts) {
        if (!parser.write(text)) await waitDrain(parser);
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();

  let headers: string[] | null = null;
  const rows: CsvRow[] = [];
  for await (const item of parser as AsyncIterable<CsvRow>) {
    if (headers === null) {
      const broken = issues.find((i) => i.row === 1);
      if (broken) {
        parser.destroy();
        throw new AppError(
          'INVALID_INPUT',
          `The first row (the column names) could not be read: ${broken.message}. Check that the file is a CSV with a header row.`,
        );
      }
      headers = item.cells.map((h) => h.trim());
      continue;
    }
    rows.push(item);
  }
  await feed;
  const broken = headers === null ? issues.find((i) => i.row === 1) : undefined;
  if (broken) {
    throw new AppError(
      'INVALID_INPUT',
      `The first row (the column names) could not be read: ${broken.message}. Check that the file is a CSV with a header row.`,
    );
  }
  return {
    encoding,
    delimiter,
    headers: headers ?? [],
    rows,
    issues,
    replacedCharacters: counters.replaced,
    bytes: counters.bytes,
  };
}

function waitDrain(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.once('drain', resolve));
}

function describeCsvError(error: CsvError | undefined): string {
  switch (error?.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return 'the row is too long (over 1 MiB): a quote may be missing its closing quote';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field has text after its closing quote';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed before the end of the file';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quoted field has text after its closing quote';
    default:
      return error?.message ?? 'the row could not be read';
  }
}

/** Reads a CSV file from disk, streamed. */
export async function readCsvFile(file: string, options: CsvReadOptions = {}): Promise<CsvSheet> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new AppError('FILE_ERROR', `Could not read ${file}: ${(error as Error).message}`);
  }
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (size > max) {
    throw new AppError(
      'INVALID_INPUT',
      `The file is ${Math.round(size / 1024 / 1024)} MiB; the import reads files up to ${Math.round(max / 1024 / 1024)} MiB. Split it into smaller files.`,
    );
  }
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  try {
    return await readCsv(stream as AsyncIterable<Uint8Array>, {
      ...options,
      ...(options.onProgress ? { onProgress: (bytes: number) => options.onProgress!(bytes, size) } : {}),
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('FILE_ERROR', `Could not read ${file}: ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
}
