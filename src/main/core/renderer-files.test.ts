import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRendererPath, serveRendererFile } from './renderer-files';

let root: string;

beforeAll(() => {
  const base = mkdtempSync(path.join(tmpdir(), 'renderer-files-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'outside the root');
});

describe('serveRendererFile', () => {
  it('serves index.html for / with the CSP header', async () => {
    const response = await serveRendererFile(root, '/');
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toContain('text/html');
    expect(response.headers['Content-Security-Policy']).toContain("script-src 'self'");
    expect(response.headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });

  it('serves a script with a JavaScript type', async () => {
    const response = await serveRendererFile(root, '/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toContain('text/javascript');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00index.html', '/%E0%A4%A'])(
    'refuses %s',
    async (urlPath) => {
      expect((await serveRendererFile(root, urlPath)).status).toBe(404);
    },
  );

  it('answers 404 for a missing file or an unknown type', async () => {
    expect((await serveRendererFile(root, '/nope.js')).status).toBe(404);
    writeFileSync(path.join(root, 'data.bin'), 'x');
    expect((await serveRendererFile(root, '/data.bin')).status).toBe(404);
  });

  it('never resolves outside the root', () => {
    expect(resolveRendererPath(root, '/../../etc/passwd')).toBeNull();
    expect(resolveRendererPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });
});
