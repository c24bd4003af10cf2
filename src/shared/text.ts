/** A lone UTF-16 surrogate: text no URL, file name or JSON consumer can carry faithfully. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

/** True for well-formed Unicode text (String.prototype.isWellFormed, without needing ES2024 types). */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** True for text fit to be an identifier: well-formed, no control characters. */
export function isCleanId(value: string): boolean {
  return isWellFormedText(value) && !CONTROL.test(value);
}
