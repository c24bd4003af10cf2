/** A name as a regular expression that matches it literally (parentheses, dots and all). */
export function literal(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches an accessible name that is `name` whole, or `name` followed by more after a space ("Design 12 members"). */
export function startsWithName(name: string): RegExp {
  return new RegExp(`^${literal(name)}(?:\\s|$)`);
}
