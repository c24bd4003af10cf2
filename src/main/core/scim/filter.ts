/**
 * Builds `attr eq "value"` with the value as a JSON string (RFC 7644 §3.4.2.2), so quotes,
 * backslashes and unicode survive; the transport then percent-encodes the whole filter.
 */
export function eqFilter(attribute: 'userName' | 'displayName' | 'id', value: string): string {
  return `${attribute} eq ${JSON.stringify(value)}`;
}

/** userName is not case-exact (RFC 7643 §4.1.1), and servers differ: compare locally like this. */
export function sameUserName(a: string, b: string): boolean {
  return a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();
}
