/** One line of the benchmark table. */
export interface BenchRow {
  name: string;
  unit: string;
  p50?: number;
  p99?: number;
  value?: number;
  /** Ratio against the baseline measured in the same run, where there is one. */
  ratio?: number;
  target?: string;
}

/** Median and 99th percentile of samples. */
export function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}
