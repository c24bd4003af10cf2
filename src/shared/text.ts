/** A lone UTF-16 surrogate: text no URL, file name or JSON consumer can carry faithfully. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

const nativeWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** True for well-formed Unicode text: String.prototype.isWellFormed where the engine has it (fast), else a regex. */
export function isWellFormedText(value: string): boolean {
  return nativeWellFormed ? nativeWellFormed.call(value) : !LONE_SURROGATE.test(value);
}

/** True for text fit to be an identifier: well-formed, no control characters. */
export function isCleanId(value: string): boolean {
  return isWellFormedText(value) && !CONTROL.test(value);
}
