/**
 * The renderer's Content-Security-Policy. The build injects the meta form into index.html; the
 * app:// protocol (and the Chromium e2e host) also send the header form, which can carry
 * `frame-ancestors` (ignored, with a console warning, when it comes from a meta element).
 */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'none'"],
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-src', "'none'"],
];

export const CSP_META = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
export const CSP_HEADER = `${CSP_META}; frame-ancestors 'none'`;
