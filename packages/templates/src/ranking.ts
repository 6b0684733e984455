export interface Rankable {
  id: string;
  text: string;
  impact: number;
  effort: number;
  priority: number;
}

/**
 * RULE 12: higher priority first; ties by higher impact, then lower effort, then text
 * (code-unit order, so the result is the same in every locale), then note id.
 */
export function compareRank(a: Rankable, b: Rankable): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.impact !== b.impact) return b.impact - a.impact;
  if (a.effort !== b.effort) return a.effort - b.effort;
  if (a.text !== b.text) return a.text < b.text ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function rank<T extends Rankable>(items: readonly T[]): T[] {
  return [...items].sort(compareRank);
}

export const QUARTERS = ["Q1", "Q2", "Q3", "Q4"] as const;
export type Quarter = (typeof QUARTERS)[number];

/**
 * RULE 13: the ranked list is cut into four consecutive slices of ceil(n / 4) items, Q1 first;
 * the last quarters may be short or empty (5 items → 2, 2, 1, 0).
 */
export function roadmap<T>(ranked: readonly T[]): Record<Quarter, T[]> {
  const size = Math.max(1, Math.ceil(ranked.length / QUARTERS.length));
  const out: Record<Quarter, T[]> = { Q1: [], Q2: [], Q3: [], Q4: [] };
  ranked.forEach((item, i) => {
    const q = QUARTERS[Math.min(QUARTERS.length - 1, Math.floor(i / size))];
    if (q) out[q].push(item);
  });
  return out;
}
