import { MAX_TIMER_MS, sleep } from './retry';

/** How long a queued request may wait for its turn, and for a Retry-After hold. */
export interface RunOptions {
  signal?: AbortSignal;
  /** A hold longer than this is not waited out: the request fails at once with `LimiterHeld`. */
  maxHoldMs?: number;
  /** Longest time in the queue before the request fails with `LimiterQueueTimeout`. */
  queueTimeoutMs?: number;
}

/** The tenant is held (429/503 Retry-After) for longer than the request will wait. */
export class LimiterHeld extends Error {
  constructor(readonly untilMs: number) {
    super('held by Retry-After');
  }
}

/** The request waited in the tenant's queue longer than its queue timeout. */
export class LimiterQueueTimeout extends Error {
  constructor(readonly waitedMs: number) {
    super('no turn in time');
  }
}

export interface LimiterOptions {
  /** Requests in flight at most (the ceiling when adaptive). */
  concurrency: number;
  /** Requests started per second at most; null for no rate cap. */
  requestsPerSecond: number | null;
  /**
   * Learn from the server's answers (additive increase, multiplicative decrease): a 429 halves the
   * concurrency and caps the start rate a little under what was going through; a 5xx or a dropped
   * connection halves the concurrency; successes win both back slowly. Off unless asked for.
   */
  adaptive?: boolean;
  now?: () => number;
}

/** What one HTTP attempt told the limiter about the server. */
export type LimiterFeedback = 'ok' | 'rate-limited' | 'overloaded';

export interface LimiterSnapshot {
  active: number;
  queued: number;
  heldUntil: number;
  concurrency: number;
  /** The learnt start rate cap (requests per second), null when none. */
  rate: number | null;
}

export interface Limiter {
  /**
   * Runs work when a slot is free, the rate allows it and no hold is in force. A queued request
   * leaves the queue as soon as its signal aborts, its queue timeout passes, or a hold longer
   * than it will wait is set.
   */
  run<T>(work: () => Promise<T>, options?: RunOptions | AbortSignal): Promise<T>;
  /** After a 429/503 with Retry-After: no request of this tenant starts before `untilMs`. */
  holdUntil(untilMs: number): void;
  setConcurrency(concurrency: number): void;
  /** Tells an adaptive limiter how an attempt that started at `startedAt` (its clock) went. */
  feedback(kind: LimiterFeedback, startedAt: number): void;
  readonly concurrency: number;
  stats(): LimiterSnapshot;
}

/** Successes remembered to measure the rate going through (one window of this length). */
const RATE_WINDOW_MS = 2_000;
/** A 429 caps the start rate at this share of the rate that was going through. */
const RATE_CUT = 0.8;
/** The cap rises by this many requests per second for each second of successes. */
const RATE_STEP_PER_S = 0.5;

/**
 * One per tenant, shared by every piece of work against it, so parallel work slows down together.
 * Requests start in FIFO order, spaced by 1/rate, never during a hold.
 *
 * Adaptive: each push-back cuts once (answers to requests started before the last cut do not cut
 * again, so one burst of 429s is one signal). Concurrency then grows by one per `concurrency`
 * successes (about one per round trip), up to the ceiling; the rate cap grows by 0.5 requests per
 * second each second without a 429, and is dropped once it is far above what the work asks for.
 */
export function createLimiter(options: LimiterOptions): Limiter {
  const now = options.now ?? (() => Date.now());
  const ceiling = Math.max(1, Math.floor(options.concurrency));
  const adaptive = options.adaptive === true;
  let concurrency = ceiling;
  /** Fractional growth between whole steps. */
  let credit = 0;
  const fixedRate = options.requestsPerSecond;
  let learntRate: number | null = null;
  let lastCutAt = -Infinity;
  let lastRateStepAt = 0;
  const successes: number[] = [];
  let active = 0;
  let nextStartAt = 0;
  let heldUntil = 0;
  interface Waiter {
    grant: () => void;
    reject: (e: unknown) => void;
    signal: AbortSignal | undefined;
    maxHoldMs: number;
  }
  const queue: Waiter[] = [];
  let pumping = false;

  const spacing = (): number => {
    const rates = [fixedRate, learntRate].filter((r): r is number => r !== null && r > 0);
    return rates.length ? 1000 / Math.min(...rates) : 0;
  };

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0 && active < concurrency) {
        const wait = Math.max(heldUntil, nextStartAt) - now();
        if (wait > 0) {
          rejectOverlongHolds();
          if (queue.length === 0) break;
          // Short steps: a waiter that leaves (abort, timeout) or a hold set later is seen soon.
          await sleep(Math.min(wait, 1_000, MAX_TIMER_MS));
          continue;
        }
        const next = queue.shift();
        if (!next) break;
        if (next.signal?.aborted) {
          next.reject(next.signal.reason);
          continue;
        }
        active += 1;
        nextStartAt = now() + spacing();
        next.grant();
      }
    } finally {
      pumping = false;
    }
  }

  /** Fails at once every queued request that would wait out a hold longer than it accepts. */
  function rejectOverlongHolds(): void {
    const held = heldUntil - now();
    if (held <= 0) return;
    for (let i = queue.length - 1; i >= 0; i -= 1) {
      const waiter = queue[i]!;
      if (held > waiter.maxHoldMs) {
        queue.splice(i, 1);
        waiter.reject(new LimiterHeld(heldUntil));
      }
    }
  }

  function recentRate(at: number): number {
    while (successes.length > 0 && successes[0]! < at - RATE_WINDOW_MS) successes.shift();
    return (successes.length * 1000) / RATE_WINDOW_MS;
  }

  function feedback(kind: LimiterFeedback, startedAt: number): void {
    if (!adaptive) return;
    const at = now();
    if (kind === 'ok') {
      successes.push(at);
      if (successes.length > 10_000) successes.splice(0, successes.length - 10_000);
      if (concurrency < ceiling) {
        credit += 1 / concurrency;
        if (credit >= 1) {
          credit = 0;
          concurrency += 1;
          void pump();
        }
      }
      if (learntRate !== null && at - lastRateStepAt >= 1000) {
        const seconds = Math.min(5, (at - lastRateStepAt) / 1000);
        lastRateStepAt = at;
        learntRate += RATE_STEP_PER_S * seconds;
        // Far above what actually goes through: no longer a cap worth keeping.
        if (learntRate > 4 * Math.max(1, recentRate(at)) && learntRate > 50) learntRate = null;
      }
      return;
    }
    // One cut per push-back episode: only requests that started after the last cut count.
    if (startedAt < lastCutAt) return;
    lastCutAt = at;
    concurrency = Math.max(1, Math.floor(concurrency / 2));
    credit = 0;
    if (kind === 'rate-limited') {
      // A little under what went through; never below half the previous cap in one cut (what went
      // through right after a hold can be next to nothing).
      const through = recentRate(at);
      const cut = through * RATE_CUT;
      learntRate = Math.max(
        0.5,
        learntRate === null ? cut : Math.max(learntRate / 2, Math.min(cut, learntRate * RATE_CUT)),
      );
      lastRateStepAt = at;
    }
  }

  return {
    get concurrency() {
      return concurrency;
    },
    async run(work, runOptions) {
      const opts: RunOptions =
        runOptions === undefined ? {} : 'aborted' in runOptions ? { signal: runOptions } : runOptions;
      const { signal } = opts;
      const maxHoldMs = opts.maxHoldMs ?? Number.POSITIVE_INFINITY;
      if (heldUntil - now() > maxHoldMs) throw new LimiterHeld(heldUntil);
      signal?.throwIfAborted();
      const queuedAt = now();
      await new Promise<void>((grant, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const leave = (error: Error) => {
          const at = queue.indexOf(waiter);
          if (at < 0) return;
          queue.splice(at, 1);
          cleanup();
          reject(error);
        };
        const onAbort = () => leave(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        const cleanup = () => {
          if (timer) clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        };
        const waiter: Waiter = {
          grant: () => {
            cleanup();
            grant();
          },
          reject: (error) => {
            cleanup();
            reject(error instanceof Error ? error : new Error(String(error)));
          },
          signal,
          maxHoldMs,
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        if (opts.queueTimeoutMs !== undefined) {
          timer = setTimeout(
            () => leave(new LimiterQueueTimeout(now() - queuedAt)),
            Math.min(opts.queueTimeoutMs, MAX_TIMER_MS),
          );
        }
        queue.push(waiter);
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
      rejectOverlongHolds();
    },
    setConcurrency(value) {
      concurrency = Math.max(1, Math.floor(value));
      void pump();
    },
    feedback,
    stats: () => ({ active, queued: queue.length, heldUntil, concurrency, rate: learntRate ?? fixedRate }),
  };
}
