import { performance } from 'node:perf_hooks';

// Shared by the benchmarks: sequential timing and the figures they print.

export interface Figures {
  count: number;
  seconds: number;
  perSecond: number;
  meanMs: number;
  p95Ms: number;
}

export function figures(latenciesMs: number[], seconds: number): Figures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
  return {
    count: sorted.length,
    seconds: round(seconds, 3),
    perSecond: round(sorted.length / seconds, 1),
    meanMs: round(mean, 2),
    p95Ms: round(p95, 2),
  };
}

export const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Runs `call` `count` times in sequence; per-call latencies and the wall time of the whole run. */
export async function timed(count: number, call: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await call(i);
    latencies.push(performance.now() - t0);
  }
  return { latencies, seconds: (performance.now() - start) / 1000 };
}
