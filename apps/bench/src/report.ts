import type { Results, RoomRow, TargetCheck } from "./results";
import type { RunFigures } from "./scenarios";
import { markdownTable, num, ratio, textTable, type Cell } from "./table";

type Render = (headers: readonly string[], rows: readonly (readonly Cell[])[]) => string;

const missing = (r: RunFigures | null): string | null => {
  if (!r) return null;
  const m = num(r.load, "updatesMissingAtProbes");
  const e = num(r.load, "updatesExpectedAtProbes");
  return m === null ? null : `${m} / ${e ?? "?"}`;
};

function roomMetrics(r: RunFigures | null): Array<[string, Cell]> {
  const g = (p: string): number | null => (r ? num(r.load, p) : null);
  return [
    ["connect + sync all (ms)", g("connectAllMs")],
    ["connected", g("connected")],
    ["update p50 (ms)", g("update.p50")],
    ["update p95 (ms)", g("update.p95")],
    ["update p99 (ms)", g("update.p99")],
    ["update max (ms)", g("update.max")],
    ["updates missing at probes", missing(r)],
    ["cursor p50 (ms)", g("cursor.p50")],
    ["cursor p95 (ms)", g("cursor.p95")],
    ["cursor p99 (ms)", g("cursor.p99")],
    ["cursor max (ms)", g("cursor.max")],
    ["server CPU in window (s)", r?.serverCpuS ?? null],
    ["server peak RSS (MiB)", r?.serverPeakRssMiB ?? null],
    ["frames received by load", g("received.messages")],
    ["bytes per client per second", g("bytesPerClientPerS")],
    ["load CPU in window (s)", g("loadCpuMeasureS")],
    ["load event-loop delay p99 (ms)", g("loadLoopDelayMs.p99")],
    ["connections dropped", g("closedEarly")],
    ["machine load avg (1 min) at start", r?.loadAvgAtStart ?? null],
  ];
}

function roomTable(row: RoomRow, render: Render): string {
  const ours = roomMetrics(row.ours);
  const base = roomMetrics(row.baseline);
  const mem = roomMetrics(row.oursMemory);
  const headers = ["metric", "ours (sqlite)", "baseline", "ours/baseline"];
  if (row.oursMemory) headers.push("ours (memory)");
  const rows = ours.map(([name, v], i) => {
    const b = base[i]?.[1] ?? null;
    const cells: Cell[] = [name, v, b, typeof v === "number" && typeof b === "number" ? ratio(v, b) : "–"];
    if (row.oursMemory) cells.push(mem[i]?.[1] ?? null);
    return cells;
  });
  return render(headers, rows);
}

function boardsTable(res: NonNullable<Results["boards"]>, render: Render): string {
  const m = (r: typeof res.ours): Array<[string, number | null]> => [
    ["connections", num(r.load, "connected")],
    ["connect-all (ms)", num(r.load, "connectAllMs")],
    ["RSS per connection (KiB)", r.rssPerConnectionKiB],
    ["update p50 (ms)", num(r.load, "update.p50")],
    ["update p99 (ms)", num(r.load, "update.p99")],
    ["update max (ms)", num(r.load, "update.max")],
    ["updates missing at probes", num(r.load, "updatesMissingAtProbes")],
    ["server CPU in window (s)", r.serverCpuS],
    ["server peak RSS (MiB)", r.serverPeakRssMiB],
    ["load CPU in window (s)", num(r.load, "loadCpuMeasureS")],
    ["machine load avg (1 min) at start", r.loadAvgAtStart],
  ];
  const o = m(res.ours);
  const b = m(res.baseline);
  return render(
    ["metric", "ours (sqlite)", "baseline", "ours/baseline"],
    o.map(([name, v], i) => [name, v, b[i]?.[1] ?? null, ratio(v, b[i]?.[1] ?? null)]),
  );
}

function bigTable(res: NonNullable<Results["bigboard"]>, render: Render): string {
  const warmO = num(res.ours.warm, "medianMs");
  const warmB = num(res.baseline.warm, "medianMs");
  const coldO = res.ours.cold ? num(res.ours.cold, "medianMs") : null;
  return render(
    ["metric", "ours (sqlite)", "baseline", "ours/baseline"],
    [
      ["elements after build", num(res.ours.build, "elements"), num(res.baseline.build, "elements"), "–"],
      ["build: all updates applied (ms)", num(res.ours.build, "builtMs"), num(res.baseline.build, "builtMs"), ratio(num(res.ours.build, "builtMs"), num(res.baseline.build, "builtMs"))],
      ["warm join, median (ms)", warmO, warmB, ratio(warmO, warmB)],
      ["cold join, median (ms) [baseline: warm]", coldO, warmB, ratio(coldO, warmB)],
    ],
  );
}

function startupTable(rows: NonNullable<Results["startup"]>, render: Render): string {
  const base = rows.find((r) => r.target === "baseline") ?? null;
  return render(
    ["server", "ready (ms)", "idle RSS (MiB)", "RSS / baseline", "starts"],
    rows.map((r) => [r.target, r.readyMs, r.idleRssMiB, ratio(r.idleRssMiB, base?.idleRssMiB ?? null), r.starts]),
  );
}

export function renderReport(res: Results, markdown: boolean): string {
  const render: Render = markdown ? markdownTable : textTable;
  const h = (s: string): string => (markdown ? `### ${s}` : `== ${s} ==`);
  const parts: string[] = [];
  if (res.startup) parts.push(h("idle process: ready time and RSS (median of starts)"), startupTable(res.startup, render));
  for (const row of res.room) parts.push(h(`room, N = ${row.n}`), roomTable(row, render));
  if (res.boards) parts.push(h(`boards: ${res.flags.boards} boards × ${res.flags["clients-per-board"]} clients, 1 update/s per board`), boardsTable(res.boards, render));
  if (res.bigboard) parts.push(h(`big board: ${res.flags["big-elements"]} elements from ${res.flags["big-updates"]} updates, ${res.flags.joins} joins`), bigTable(res.bigboard, render));
  if (res.targets.length > 0) {
    parts.push(
      h("targets"),
      render(
        ["target", "measured", "met"],
        res.targets.map((t) => [t.target, t.measured, t.met === null ? "not measured" : t.met ? "yes" : "NO"]),
      ),
    );
  }
  if (res.profile) {
    parts.push(
      h(`CPU profile of our server (${res.profile.scenario}), self time`),
      render(["module", "ms", "share"], res.profile.byModule.slice(0, 12).map((e) => [e.name, e.selfMs, `${(e.share * 100).toFixed(1)}%`])),
      render(["function", "ms", "share"], res.profile.byFunction.slice(0, 15).map((e) => [e.name, e.selfMs, `${(e.share * 100).toFixed(1)}%`])),
    );
  }
  return `${parts.join("\n\n")}\n`;
}

/** The targets, checked against what was measured in this run. */
export function checkTargets(res: Omit<Results, "targets">): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const oursDist = res.startup?.find((s) => s.target === "ours-dist") ?? null;
  const baseStart = res.startup?.find((s) => s.target === "baseline") ?? null;
  if (oursDist && baseStart) {
    checks.push({
      target: "idle RSS ≤ 1.5× reference server",
      measured: `${oursDist.idleRssMiB.toFixed(1)} vs ${baseStart.idleRssMiB.toFixed(1)} MiB (${ratio(oursDist.idleRssMiB, baseStart.idleRssMiB)})`,
      met: oursDist.idleRssMiB <= 1.5 * baseStart.idleRssMiB,
    });
  }
  const room = (n: number): RoomRow | undefined => res.room.find((r) => r.n === n);
  const r500 = room(500)?.ours ?? null;
  if (r500) {
    const miss = num(r500.load, "updatesMissingAtProbes");
    const p99 = num(r500.load, "update.p99");
    const c99 = num(r500.load, "cursor.p99");
    checks.push({ target: "room 500: every update reaches every probe", measured: `${miss} missing`, met: miss === 0 });
    checks.push({ target: "room 500: update p99 ≤ 50 ms", measured: `${p99?.toFixed(1)} ms`, met: p99 !== null && p99 <= 50 });
    checks.push({ target: "room 500: cursor p99 ≤ 100 ms", measured: `${c99?.toFixed(1)} ms`, met: c99 !== null && c99 <= 100 });
  }
  const r1000 = room(1000)?.ours ?? null;
  if (r1000) {
    const miss = num(r1000.load, "updatesMissingAtProbes");
    const p99 = num(r1000.load, "update.p99");
    checks.push({ target: "room 1000: every update arrives", measured: `${miss} missing`, met: miss === 0 });
    checks.push({ target: "room 1000: update p99 ≤ 100 ms", measured: `${p99?.toFixed(1)} ms`, met: p99 !== null && p99 <= 100 });
  }
  if (res.boards) {
    const o = res.boards.ours.rssPerConnectionKiB;
    const b = res.boards.baseline.rssPerConnectionKiB;
    const op = num(res.boards.ours.load, "update.p99");
    const bp = num(res.boards.baseline.load, "update.p99");
    checks.push({ target: "boards: RSS/connection ≤ 0.75× baseline", measured: `${o?.toFixed(1)} vs ${b?.toFixed(1)} KiB (${ratio(o, b)})`, met: o !== null && b !== null && o <= 0.75 * b });
    checks.push({ target: "boards: p99 ≤ baseline's", measured: `${op?.toFixed(1)} vs ${bp?.toFixed(1)} ms`, met: op !== null && bp !== null && op <= bp });
  }
  if (res.bigboard) {
    const wo = num(res.bigboard.ours.warm, "medianMs");
    const wb = num(res.bigboard.baseline.warm, "medianMs");
    const co = res.bigboard.ours.cold ? num(res.bigboard.ours.cold, "medianMs") : null;
    checks.push({ target: "big board: warm join ≤ 0.7× baseline", measured: `${wo?.toFixed(1)} vs ${wb?.toFixed(1)} ms (${ratio(wo, wb)})`, met: wo !== null && wb !== null && wo <= 0.7 * wb });
    checks.push({ target: "big board: cold join ≤ 1.5× baseline warm", measured: `${co?.toFixed(1)} vs ${wb?.toFixed(1)} ms (${ratio(co, wb)})`, met: co !== null && wb !== null && co <= 1.5 * wb });
  }
  return checks;
}
