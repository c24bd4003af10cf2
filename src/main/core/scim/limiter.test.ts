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

  describe('adaptive', () => {
    it('halves concurrency once per burst of push-back and wins it back one step per round of successes', () => {
      let t = 1_000;
      const limiter = createLimiter({ concurrency: 8, requestsPerSecond: null, adaptive: true, now: () => t });
      expect(limiter.concurrency).toBe(8);
      const startedBefore = t - 10;
      limiter.feedback('overloaded', startedBefore);
      expect(limiter.concurrency).toBe(4);
      // The other answers of the same burst (started before the cut) do not cut again.
      limiter.feedback('overloaded', startedBefore);
      limiter.feedback('rate-limited', startedBefore);
      expect(limiter.concurrency).toBe(4);
      t += 5;
      limiter.feedback('overloaded', t);
      expect(limiter.concurrency).toBe(2);
      // +1 per `concurrency` successes.
      limiter.feedback('ok', t);
      expect(limiter.concurrency).toBe(2);
      limiter.feedback('ok', t);
      expect(limiter.concurrency).toBe(3);
      for (let i = 0; i < 100; i += 1) limiter.feedback('ok', t);
      expect(limiter.concurrency).toBe(8);
    });

    it('caps the start rate under what went through when answered 429, then raises it slowly', () => {
      let t = 0;
      const limiter = createLimiter({ concurrency: 8, requestsPerSecond: null, adaptive: true, now: () => t });
      // 40 successes in the last two seconds: 20 per second went through.
      for (let i = 0; i < 40; i += 1) {
        t += 50;
        limiter.feedback('ok', t - 50);
      }
      limiter.feedback('rate-limited', t - 10);
      expect(limiter.stats().rate).toBeCloseTo(16, 5);
      t += 1_000;
      limiter.feedback('ok', t - 50);
      expect(limiter.stats().rate).toBeCloseTo(16.5, 5);
      t += 4_000;
      limiter.feedback('ok', t - 50);
      expect(limiter.stats().rate).toBeCloseTo(18.5, 5);
    });

    it('never cuts the rate cap below half in one push-back, even when little went through just before', () => {
      let t = 0;
      const limiter = createLimiter({ concurrency: 8, requestsPerSecond: null, adaptive: true, now: () => t });
      for (let i = 0; i < 40; i += 1) {
        t += 50;
        limiter.feedback('ok', t - 50);
      }
      limiter.feedback('rate-limited', t - 10);
      expect(limiter.stats().rate).toBeCloseTo(16, 5);
      // A hold of three seconds: nothing went through, then another 429.
      t += 3_000;
      limiter.feedback('rate-limited', t - 10);
      expect(limiter.stats().rate).toBeCloseTo(8, 5);
    });

    it('ignores feedback unless adaptive', () => {
      const limiter = createLimiter({ concurrency: 8, requestsPerSecond: null });
      limiter.feedback('overloaded', 0);
      limiter.feedback('rate-limited', 0);
      expect(limiter.concurrency).toBe(8);
      expect(limiter.stats().rate).toBeNull();
    });
  });
});
