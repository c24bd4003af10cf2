/**
 * What every benchmark here shares: the figure is measured against a floor in the same run, the
 * two (or more) alternate round by round so neither always runs first on a busy machine, and the
 * result is the median of the rounds with the spread beside it.
 */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The median and range of a list of figures, rounded to `digits` decimals. */
export function spread(values: readonly number[], digits = 3): Spread {
  if (values.length === 0) throw new Error('no values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10 ** digits) / 10 ** digits;
  return { median: r(sorted[Math.floor(sorted.length / 2)]!), min: r(sorted[0]!), max: r(sorted[sorted.length - 1]!) };
}

export const median = (values: readonly number[]): number => spread(values, 12).median;

/** The spread as "1.04x (1.01-1.09)". */
export function describeSpread(s: Spread, unit = 'x'): string {
  return `${s.median}${unit} (${s.min}-${s.max})`;
}

/** Figure over floor for each round, paired by round. */
export function ratios(figures: readonly number[], floors: readonly number[]): number[] {
  return figures.map((f, i) => f / floors[i]!);
}

/**
 * Runs each runner once per round, alternating the order (forward on even rounds, backward on odd
 * ones), and answers each runner's results in round order.
 */
export async function interleaved<K extends string, R>(
  rounds: number,
  runners: Record<K, (round: number) => Promise<R>>,
  onRun?: (name: K, round: number, result: R) => void,
): Promise<Record<K, R[]>> {
  const names = Object.keys(runners) as K[];
  const out = Object.fromEntries(names.map((n) => [n, [] as R[]])) as Record<K, R[]>;
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      global.gc?.();
      const result = await runners[name](round);
      out[name].push(result);
      onRun?.(name, round, result);
    }
  }
  return out;
}

/** Wall time and this process's CPU time (user + system) of one piece of work. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}
