/**
 * How far the SCIM server's clock is from ours, from the HTTP `Date` header of its answers
 * (RFC 9110 §6.6.1: a server with a clock sends it, to the second). `meta.lastModified` is in the
 * server's time, so comparing it with a moment of ours needs this.
 *
 * An answer asked at `sent` and read at `received` (our clock) was stamped by the server somewhere
 * in between and rounded down to the second: its offset (server minus ours) is about
 * `date + 500 - (sent + received) / 2`, within half a second plus half the round trip. The
 * median of the recent answers is kept, so one answer with a stale or cached Date moves nothing.
 */
export interface ClockOffset {
  /** Server minus ours, in ms. */
  ms: number;
  /** How far off `ms` may be: half a second (the header's resolution) and half the median round trip. */
  uncertaintyMs: number;
}

/** Answers kept: old ones are dropped, so a clock that is set again is learnt anew. */
const WINDOW = 31;

export function createServerClock() {
  const samples: Array<{ offset: number; roundTrip: number }> = [];
  return {
    /** Notes one answer's Date header (ignored when absent or not a date). */
    note(dateHeader: string | null, sent: number, received: number): void {
      const date = dateHeader ? Date.parse(dateHeader) : NaN;
      if (!Number.isFinite(date)) return;
      samples.push({ offset: date + 500 - (sent + received) / 2, roundTrip: received - sent });
      if (samples.length > WINDOW) samples.shift();
    },
    /** The median offset of the recent answers, or null before any dated answer. */
    offset(): ClockOffset | null {
      if (samples.length === 0) return null;
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      // The median round trip too: one answer held up on a busy machine widens nothing.
      const roundTrip = median(samples.map((s) => s.roundTrip));
      return { ms: median(samples.map((s) => s.offset)), uncertaintyMs: 500 + roundTrip / 2 };
    },
  };
}
