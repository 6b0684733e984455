/** Latency summary in milliseconds. `count` is the number of samples. */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Nearest-rank percentile (the smallest sample such that at least p% of the
 * samples are ≤ it). `sorted` must be ascending. NaN for no samples.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const arr = Array.from(sorted);
  return {
    count: arr.length,
    p50: percentile(arr, 50),
    p95: percentile(arr, 95),
    p99: percentile(arr, 99),
    max: arr.length === 0 ? Number.NaN : (arr[arr.length - 1] ?? Number.NaN),
  };
}

export function median(samples: readonly number[]): number {
  return percentile(Array.from(Float64Array.from(samples).sort()), 50);
}
