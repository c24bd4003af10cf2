/**
 * A CSV cell. Cells that a spreadsheet would run as a formula (= + - @, tab, carriage return) get
 * a leading apostrophe; quotes, commas and newlines are quoted.
 */
export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else text = JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (no newline) from cells. */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
