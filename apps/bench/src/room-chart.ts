import { renderChart } from "./chart";
import type { RoomRow } from "./results";
import { num } from "./table";

/** docs/benchmarks/room-p99.svg: p99 at the probes per room size, ours beside both baselines. */
export function roomChart(room: readonly RoomRow[]): string {
  const p99 = (r: RoomRow["ours"], metric: "update.p99" | "cursor.p99"): number => (r && num(r.load, metric)) ?? Number.NaN;
  return renderChart(
    "Room: p99 latency at the probes vs clients (log scale)",
    room.map((r) => ({
      n: r.n,
      series: {
        oursUpdate: p99(r.ours, "update.p99"),
        baseUpdate: p99(r.baseline, "update.p99"),
        oursCursor: p99(r.ours, "cursor.p99"),
        baseCursor: p99(r.baseline, "cursor.p99"),
        hpUpdate: p99(r.hocuspocus, "update.p99"),
      },
    })),
    [
      { key: "oursUpdate", label: "ours, update p99", color: "#2e7d32", dashed: false },
      { key: "oursCursor", label: "ours, cursor p99", color: "#2e7d32", dashed: true },
      { key: "baseUpdate", label: "baseline, update p99", color: "#c62828", dashed: false },
      { key: "baseCursor", label: "baseline, cursor p99", color: "#c62828", dashed: true },
      { key: "hpUpdate", label: "hocuspocus, update p99", color: "#6a1b9a", dashed: false },
    ],
  );
}
