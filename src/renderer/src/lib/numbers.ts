/**
 * Numbers as the console's English text reads them: "12,345", "19.32" (at most three decimals,
 * like `toLocaleString`'s default). Not Intl: the first `toLocaleString` in a renderer loads ICU's
 * number data, 35-60 ms measured here in Chromium, on the way to the first screen (the overview's
 * counts); each later call costs ~20 us, and the members view formats counts on every keystroke.
 * The interface is English, so its numbers use English grouping whatever the OS locale; dates
 * still follow the OS (`lib/dates.ts`).
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return String(n);
  const fixed = Math.abs(n)
    .toFixed(3)
    .replace(/\.?0+$/, '');
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  const sign = n < 0 && fixed !== '0' ? '-' : '';
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}
