export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const BEARER = /(bearer\s+)[^\s"',;]+/gi;
const AUTH_HEADER = /("?authorization"?\s*[:=]\s*"?)[^"\n,}]+/gi;

/** Removes anything shaped like a bearer token or an Authorization header value. */
export function redact(text: string): string {
  return text.replace(BEARER, '$1[redacted]').replace(AUTH_HEADER, '$1[redacted]');
}

function format(level: string, message: string, fields?: Record<string, unknown>): string {
  let extra = '';
  if (fields) {
    try {
      extra = ' ' + JSON.stringify(fields);
    } catch {
      extra = ' [unserialisable fields]';
    }
  }
  return redact(`[${level}] ${message}${extra}`);
}

/** A logger that writes redacted lines to stderr; the default for both hosts. */
export function createConsoleLogger(sink: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  return {
    info: (m, f) => sink(format('info', m, f)),
    warn: (m, f) => sink(format('warn', m, f)),
    error: (m, f) => sink(format('error', m, f)),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
