import { sleep } from './retry';

export interface LimiterOptions {
  concurrency: number;
  /** Requests started per second at most; null for no rate cap. */
  requestsPerSecond: number | null;
  now?: () => number;
}

export interface Limiter {
  /** Runs work when a slot is free, the rate allows it and no hold is in force. */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** After a 429/503 with Retry-After: no request of this tenant starts before `untilMs`. */
  holdUntil(untilMs: number): void;
  setConcurrency(concurrency: number): void;
  readonly concurrency: number;
  stats(): { active: number; queued: number; heldUntil: number };
}

/**
 * One per tenant, shared by every piece of work against it, so parallel work slows down together.
 * Requests start in FIFO order, spaced by 1/rate, never during a hold.
 */
export function createLimiter(options: LimiterOptions): Limiter {
  const now = options.now ?? (() => Date.now());
  let concurrency = Math.max(1, Math.floor(options.concurrency));
  const spacingMs = options.requestsPerSecond ? 1000 / options.requestsPerSecond : 0;
  let active = 0;
  let nextStartAt = 0;
  let heldUntil = 0;
  const queue: Array<{ grant: () => void; reject: (e: unknown) => void; signal: AbortSignal | undefined }> = [];
  let pumping = false;

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0 && active < concurrency) {
        const wait = Math.max(heldUntil, nextStartAt) - now();
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        const next = queue.shift();
        if (!next) break;
        if (next.signal?.aborted) {
          next.reject(next.signal.reason);
          continue;
        }
        active += 1;
        nextStartAt = now() + spacingMs;
        next.grant();
      }
    } finally {
      pumping = false;
    }
  }

  return {
    get concurrency() {
      return concurrency;
    },
    async run(work, signal) {
      await new Promise<void>((grant, reject) => {
        queue.push({ grant, reject, signal });
        void pump();
      });
      try {
        return await work();
      } finally {
        active -= 1;
        void pump();
      }
    },
    holdUntil(untilMs) {
      heldUntil = Math.max(heldUntil, untilMs);
    },
    setConcurrency(value) {
      concurrency = Math.max(1, Math.floor(value));
      void pump();
    },
    stats: () => ({ active, queued: queue.length, heldUntil }),
  };
}
