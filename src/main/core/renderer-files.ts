import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CSP_HEADER } from '../../shared/security/csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** Maps a request path to a file under root, refusing anything that would escape it. */
export function resolveRendererPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  const full = path.resolve(resolvedRoot, relative);
  if (full !== resolvedRoot && !full.startsWith(resolvedRoot + path.sep)) return null;
  return full;
}

/** Serves one file of the built renderer with the security headers; 404 for anything else. */
export async function serveRendererFile(root: string, urlPath: string): Promise<StaticResponse> {
  const file = resolveRendererPath(root, urlPath);
  const notFound: StaticResponse = {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from('Not found'),
  };
  if (file === null) return notFound;
  const mime = MIME[path.extname(file).toLowerCase()];
  if (mime === undefined) return notFound;
  try {
    const body = await readFile(file);
    return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': mime }, body };
  } catch {
    return notFound;
  }
}
