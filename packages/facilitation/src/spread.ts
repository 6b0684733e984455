/** Mean and population standard deviation: a round's result for one item (a note, a dimension). */
export function meanAndSpread(values: readonly number[]): { mean: number; spread: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, spread: Math.sqrt(variance) };
}

/** Results are shown and compared at two decimals, so every client and the server agree. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;
