import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface SandboxProcess {
  baseUrl: string;
  token: string;
  child: ChildProcess;
  /** Changes faults at runtime through the Sandbox's control endpoint. */
  configure(faults: Record<string, unknown>): Promise<void>;
  stats(): Promise<Record<string, unknown>>;
  /** Requests the Sandbox answered since its stats were reset, and how many of them with 429. */
  requestCounts(): Promise<{ requests: number; rateLimited: number }>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/** Starts `npm run sandbox` as its own process (so its memory is not the client's) and waits until it listens. */
export async function startSandboxProcess(args: string[], token = 'bench-token-0000'): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      path.join(ROOT, 'src/main/core/sandbox/cli.ts'),
      '--token',
      token,
      ...args,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Sandbox did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the Sandbox exited early (${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^SCIM base URL: (\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const control = new URL('/__sandbox/', baseUrl).toString();
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  return {
    baseUrl,
    token,
    child,
    configure: async (faults) => {
      const response = await fetch(`${control}config`, { method: 'POST', headers, body: JSON.stringify(faults) });
      if (!response.ok) throw new Error(`configure failed: ${response.status}`);
    },
    stats: async () => (await (await fetch(`${control}stats`, { headers })).json()) as Record<string, unknown>,
    requestCounts: async () => {
      const stats = (await (await fetch(`${control}stats`, { headers })).json()) as Record<string, unknown>;
      return { requests: Number(stats.requests), rateLimited: Number(stats.rateLimited) };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
