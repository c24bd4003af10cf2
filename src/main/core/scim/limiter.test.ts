import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('limiter', () => {
  it('never runs more than its concurrency at once', async () => {
    const limiter = createLimiter({ concurrency: 3, requestsPerSecond: null });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.run(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await tick(5);
          active -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it('starts nothing before a hold ends', async () => {
    const limiter = createLimiter({ concurrency: 4, requestsPerSecond: null });
    const holdEnds = Date.now() + 120;
    limiter.holdUntil(holdEnds);
    const startedAt = await limiter.run(async () => Date.now());
    expect(startedAt).toBeGreaterThanOrEqual(holdEnds);
  });

  it('spaces starts by 1/rate', async () => {
    const limiter = createLimiter({ concurrency: 10, requestsPerSecond: 50 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => limiter.run(async () => void starts.push(Date.now()))));
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(15);
  });

  it('rejects queued work whose signal aborted', async () => {
    const limiter = createLimiter({ concurrency: 1, requestsPerSecond: null });
    const blocker = limiter.run(() => tick(30));
    const controller = new AbortController();
    const queued = limiter.run(async () => 'ran', controller.signal);
    controller.abort(new Error('stop'));
    await expect(queued).rejects.toThrow('stop');
    await blocker;
  });
});
