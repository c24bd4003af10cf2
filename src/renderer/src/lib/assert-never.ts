/** Ends a switch over a union: the compiler fails here when a case is missing, and it throws if one arrives anyway. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
