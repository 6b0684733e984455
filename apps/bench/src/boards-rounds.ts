import type { BoardsFigures, BoardsRound } from "./results";
import { median } from "./stats";
import { num } from "./table";

/** A target-3 figure of one run (null when the run did not measure it). */
export type BoardsMetric = (run: BoardsFigures) => number | null;

export const BOARDS_METRICS = {
  rssPerConnection: (run) => run.rssPerConnectionKiB,
  serverCpu: (run) => run.serverCpuS,
  updateP99: (run) => num(run.load, "update.p99"),
} satisfies Record<string, BoardsMetric>;

/** Ours / the reference in each round that measured both, in round order. */
export function pairedRatios(rounds: readonly BoardsRound[], metric: BoardsMetric): number[] {
  const ratios: number[] = [];
  for (const round of rounds) {
    const o = metric(round.ours);
    const b = round.baseline ? metric(round.baseline) : null;
    if (o !== null && b !== null && b > 0) ratios.push(o / b);
  }
  return ratios;
}

/**
 * The round the tables show: the one whose CPU ratio (ours / the reference) is the median of all rounds',
 * so one coherent run stands for the scenario rather than the quietest or the noisiest. The first round
 * when no round has both CPU figures.
 */
export function representativeRound(rounds: readonly BoardsRound[]): BoardsRound | null {
  if (rounds.length === 0) return null;
  const withRatio = rounds.flatMap((round) => {
    const [ratio] = pairedRatios([round], BOARDS_METRICS.serverCpu);
    return ratio === undefined ? [] : [{ round, ratio }];
  });
  // Nearest rank: the lower middle of an even count, so one real round is always the one shown.
  const middle = median(withRatio.map((r) => r.ratio));
  return withRatio.find((r) => r.ratio === middle)?.round ?? rounds[0] ?? null;
}
