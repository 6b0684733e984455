import { BOARDS_METRICS, pairedRatios, representativeRound, type BoardsMetric } from "./boards-rounds";
import type { BoardsFigures, Results, RoomRow, TargetCheck } from "./results";
import type { BigBoardFigures, RunFigures } from "./scenarios";
import { median } from "./stats";
import { fmt, markdownTable, num, ratio, textTable, type Cell } from "./table";

type Render = (headers: readonly string[], rows: readonly (readonly Cell[])[], textColumns?: number) => string;

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
    ["machine load avg (1 min) at end", r?.loadAvgAtEnd ?? null],
  ];
}

/** ours / other, or "–" when either is not a number. */
const ratioCell = (v: Cell, other: Cell): string => (typeof v === "number" && typeof other === "number" ? ratio(v, other) : "–");

/** Rows that describe the machine, not the server: a ratio of load averages means nothing. */
const isCondition = (metric: string): boolean => metric.startsWith("machine ");

function roomTable(row: RoomRow, render: Render): string {
  const ours = roomMetrics(row.ours);
  const base = roomMetrics(row.baseline);
  const hp = roomMetrics(row.hocuspocus);
  const mem = roomMetrics(row.oursMemory);
  const headers = ["metric", "ours (sqlite)", "baseline", "ours/baseline"];
  if (row.hocuspocus) headers.push("hocuspocus", "ours/hocuspocus");
  if (row.oursMemory) headers.push("ours (memory)");
  const rows = ours.map(([name, v], i) => {
    const b = base[i]?.[1] ?? null;
    const cells: Cell[] = [name, v, b, isCondition(name) ? "–" : ratioCell(v, b)];
    if (row.hocuspocus) {
      const h = hp[i]?.[1] ?? null;
      cells.push(h, isCondition(name) ? "–" : ratioCell(v, h));
    }
    if (row.oursMemory) cells.push(mem[i]?.[1] ?? null);
    return cells;
  });
  return render(headers, rows);
}

/** Which of several rounds the boards table shows (verdicts use every round). */
function roundShown(res: Results): string {
  const n = res.boardsRounds.length;
  if (n < 2 || !res.boards) return "";
  // The same rule that chose `boards`, applied to the rounds themselves (a results file read back holds copies).
  const at = res.boardsRounds.indexOf(representativeRound(res.boardsRounds) ?? res.boards);
  return at < 0 ? "" : ` (round ${at + 1} of ${n}: the median CPU ratio)`;
}

function boardsTable(res: NonNullable<Results["boards"]>, render: Render): string {
  const m = (r: BoardsFigures | null): Array<[string, number | null]> => [
    ["connections", r && num(r.load, "connected")],
    ["connect-all (ms)", r && num(r.load, "connectAllMs")],
    ["RSS per connection (KiB)", r && r.rssPerConnectionKiB],
    ["update p50 (ms)", r && num(r.load, "update.p50")],
    ["update p99 (ms)", r && num(r.load, "update.p99")],
    ["update max (ms)", r && num(r.load, "update.max")],
    ["updates missing at probes", r && num(r.load, "updatesMissingAtProbes")],
    ["server CPU in window (s)", r && r.serverCpuS],
    ["server peak RSS (MiB)", r && r.serverPeakRssMiB],
    ["frames received by load in window", r && num(r.load, "received.messages")],
    ["bytes received by load in window", r && num(r.load, "received.bytes")],
    ["load CPU in window (s)", r && num(r.load, "loadCpuMeasureS")],
    ["machine load avg (1 min) at start", r && r.loadAvgAtStart],
    ["machine load avg (1 min) at end", r && r.loadAvgAtEnd],
  ];
  const o = m(res.ours);
  const b = m(res.baseline);
  const h = m(res.hocuspocus);
  const mem = m(res.oursMemory);
  const headers = ["metric", "ours (sqlite)", "baseline", "ours/baseline"];
  if (res.hocuspocus) headers.push("hocuspocus", "ours/hocuspocus");
  if (res.oursMemory) headers.push("ours (memory)", "memory/baseline");
  return render(
    headers,
    o.map(([name, v], i) => {
      const r = (mine: number | null, other: number | null): string => (isCondition(name) ? "–" : ratio(mine, other));
      const cells: Cell[] = [name, v, b[i]?.[1] ?? null, r(v, b[i]?.[1] ?? null)];
      if (res.hocuspocus) cells.push(h[i]?.[1] ?? null, r(v, h[i]?.[1] ?? null));
      if (res.oursMemory) cells.push(mem[i]?.[1] ?? null, r(mem[i]?.[1] ?? null, b[i]?.[1] ?? null));
      return cells;
    }),
  );
}

/**
 * The joins that each followed an idle gap: ours cold (the board unloaded in the gap), a baseline's
 * warm after the same idle; results written before baselines had that series fall back to their warm joins.
 */
function afterIdle(r: BigBoardFigures): Record<string, unknown> {
  return r.cold ?? r.warmAfterIdle ?? r.warm;
}

function bigTable(res: NonNullable<Results["bigboard"]>, render: Render): string {
  const rows = (r: BigBoardFigures | null): Array<[string, number | null]> => [
    ["elements after build", r && num(r.build, "elements")],
    ["build: all updates applied (ms)", r && num(r.build, "builtMs")],
    ["warm join, median (ms)", r && num(r.warm, "medianMs")],
    ["  of which until the state was in the client", r && num(r.warm, "arrivalMedianMs")],
    ["  of which the client's own apply", r && num(r.warm, "applyMedianMs")],
    ["cold join, median (ms) [baselines: warm, after the same idle]", r && num(afterIdle(r), "medianMs")],
    ["  of which until the state was in the client", r && num(afterIdle(r), "arrivalMedianMs")],
    ["  of which the client's own apply", r && num(afterIdle(r), "applyMedianMs")],
    ["machine load avg (1 min) at start", r && r.loadAvgAtStart],
    ["machine load avg (1 min) at end", r && r.loadAvgAtEnd],
  ];
  const o = rows(res.ours);
  const b = rows(res.baseline);
  const h = rows(res.hocuspocus);
  const headers = ["metric", "ours (sqlite)", "baseline", "ours/baseline"];
  if (res.hocuspocus) headers.push("hocuspocus", "ours/hocuspocus");
  return render(
    headers,
    o.map(([name, v], i) => {
      // Element counts and load averages are conditions, not results: no ratio.
      const noRatio = i === 0 || isCondition(name);
      const cells: Cell[] = [name, v, b[i]?.[1] ?? null, noRatio ? "–" : ratio(v, b[i]?.[1] ?? null)];
      if (res.hocuspocus) cells.push(h[i]?.[1] ?? null, noRatio ? "–" : ratio(v, h[i]?.[1] ?? null));
      return cells;
    }),
  );
}

function startupTable(rows: NonNullable<Results["startup"]>, render: Render): string {
  const base = rows.find((r) => r.target === "baseline") ?? null;
  const load = (v: number | null): string => (v === null || !Number.isFinite(v) ? "–" : v.toFixed(1));
  return render(
    ["server", "ready (ms)", "idle RSS (MiB)", "RSS / reference", "starts", "load avg (1 min) start / end"],
    rows.map((r) => [
      r.target,
      r.readyMs,
      r.idleRssMiB,
      ratio(r.idleRssMiB, base?.idleRssMiB ?? null),
      String(r.starts),
      `${load(r.loadAvgAtStart)} / ${load(r.loadAvgAtEnd)}`,
    ]),
  );
}

/** The report's parts, each a heading and its table(s), in the order the terminal prints them; absent ones are null. */
export interface ReportSections {
  startup: string | null;
  rooms: string[];
  boards: string | null;
  bigboard: string | null;
  profile: string | null;
  targets: string | null;
}

export function reportSections(res: Results, markdown: boolean): ReportSections {
  const render: Render = markdown ? markdownTable : textTable;
  const h = (s: string): string => (markdown ? `### ${s}` : `== ${s} ==`);
  const join = (...parts: string[]): string => parts.join("\n\n");
  const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
  return {
    startup: res.startup ? join(h("idle process: ready time and RSS (median of starts)"), startupTable(res.startup, render)) : null,
    rooms: res.room.map((row) => join(h(`room, N = ${row.n}`), roomTable(row, render))),
    boards: res.boards
      ? join(h(`boards: ${res.flags.boards} boards × ${res.flags["clients-per-board"]} clients, 1 update/s per board${roundShown(res)}`), boardsTable(res.boards, render))
      : null,
    bigboard: res.bigboard
      ? join(h(`big board: ${res.flags["big-elements"]} elements from ${res.flags["big-updates"]} updates, ${res.flags.joins} joins`), bigTable(res.bigboard, render))
      : null,
    profile: res.profile
      ? join(
          h(`CPU profile of our server (${res.profile.scenario}), self time`),
          render(["module", "ms", "share"], res.profile.byModule.slice(0, 12).map((e) => [e.name, e.selfMs, pct(e.share)])),
          render(["function", "ms", "share"], res.profile.byFunction.slice(0, 15).map((e) => [e.name, e.selfMs, pct(e.share)])),
        )
      : null,
    targets:
      res.targets.length > 0
        ? join(
            h("issue 17 targets: verdicts"),
            render(
              ["target (issue 17)", "measured", "verdict"],
              res.targets.map((t) => [t.target, t.measured, t.met === null ? "not measured" : t.met ? "PASS" : "FAIL"]),
              3,
            ),
          )
        : null,
  };
}

export function renderReport(res: Results, markdown: boolean): string {
  const s = reportSections(res, markdown);
  const parts = [s.startup, ...s.rooms, s.boards, s.bigboard, s.targets, s.profile].filter((p): p is string => p !== null);
  return `${parts.join("\n\n")}\n`;
}

const f1 = (v: number | null | undefined): string => (v === null || v === undefined ? "–" : fmt(v));

/** The issue's targets (issue 17), checked against what was measured in this run beside the baselines. */
export function checkTargets(res: Omit<Results, "targets">, web: readonly TargetCheck[] | null): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const push = (target: string, measured: string, met: boolean | null): void => void checks.push({ target, measured, met });

  // 1. Every room size: p99 ≤ the reference server's where it keeps up, 0 missing everywhere.
  for (const row of res.room) {
    const o = row.ours;
    const b = row.baseline;
    if (!o) continue;
    const miss = num(o.load, "updatesMissingAtProbes");
    const bMiss = b ? num(b.load, "updatesMissingAtProbes") : null;
    push(`1. room ${row.n}: 0 updates missing`, `${miss} missing (baseline ${bMiss ?? "–"})`, miss === 0);
    for (const metric of ["update.p99", "cursor.p99"] as const) {
      const ov = num(o.load, metric);
      const bv = b ? num(b.load, metric) : null;
      // A baseline that lost updates has no latency for them: beating it means delivering them.
      const baselineLost = bMiss !== null && bMiss > 0;
      const met = ov === null ? null : bv === null ? (baselineLost ? true : null) : ov <= bv;
      push(`1. room ${row.n}: ${metric} ≤ reference`, `${f1(ov)} vs ${f1(bv)} ms (${ratio(ov, bv)})${baselineLost ? ", reference lost updates" : ""}`, met);
    }
    const h = row.hocuspocus;
    if (h) {
      const ov = num(o.load, "update.p99");
      const hv = num(h.load, "update.p99");
      const hMiss = num(h.load, "updatesMissingAtProbes");
      push(`1. room ${row.n}: update p99 ≤ Hocuspocus`, `${f1(ov)} vs ${f1(hv)} ms (${ratio(ov, hv)}), Hocuspocus missing ${hMiss ?? "–"}`, ov === null || hv === null ? (hMiss ? true : null) : ov <= hv);
    }
  }

  // 2. N = 2,000: update p99 ≤ 100 ms, 0 missing, visible cursors ≤ 100 ms, bytes per client bounded.
  const big = res.room.find((r) => r.n === 2000)?.ours ?? null;
  if (big) {
    const p99 = num(big.load, "update.p99");
    const c99 = num(big.load, "cursor.p99");
    const miss = num(big.load, "updatesMissingAtProbes");
    push("2. room 2000: update p99 ≤ 100 ms, 0 missing", `${f1(p99)} ms, ${miss} missing`, p99 !== null && p99 <= 100 && miss === 0);
    push("2. room 2000: visible cursors p99 ≤ 100 ms", `${f1(c99)} ms`, c99 !== null && c99 <= 100);
    // Bounded independently of N: compare with the smallest measured room where the policy applies (> 100).
    const smaller = res.room.filter((r) => r.n > 100 && r.n < 2000 && r.ours).sort((a, b) => a.n - b.n)[0];
    const bBig = num(big.load, "bytesPerClientPerS");
    const bSmall = smaller?.ours ? num(smaller.ours.load, "bytesPerClientPerS") : null;
    push(
      "2. bytes per client per s bounded (N = 2000 ≤ 1.25× a smaller big room)",
      `${f1(bBig)} B/s at 2000 vs ${f1(bSmall)} B/s at ${smaller?.n ?? "–"}`,
      bBig === null || bSmall === null ? null : bBig <= 1.25 * bSmall,
    );
  } else {
    push("2. room 2000 (run with --clients …,2000)", "not in this run", null);
  }

  // 3. Many boards and the idle process: with several rounds, each verdict is the median of the rounds' ratios.
  if (res.boards?.baseline) {
    const rounds = res.boardsRounds.length > 0 ? res.boardsRounds : [res.boards];
    const o = res.boards.ours;
    const b = res.boards.baseline;
    const target3 = (target: string, metric: BoardsMetric, unit: string) => {
      const ratios = pairedRatios(rounds, metric);
      // Nearest rank, as every median here: with an even count the lower middle, never an average of two runs.
      const mid = ratios.length > 0 ? median(ratios) : null;
      const shown = `${f1(metric(o))} vs ${f1(metric(b))} ${unit}`;
      const measured =
        ratios.length > 1
          ? `${shown} in the round the table shows; per round ${ratios.map((r) => `${r.toFixed(2)}×`).join(", ")} (median ${mid?.toFixed(2)}×)`
          : `${shown} (${ratio(metric(o), metric(b))})`;
      push(target, measured, mid === null ? null : mid <= 1);
    };
    target3("3. boards: RSS/connection ≤ 1.0× reference (moonshot 0.75×)", BOARDS_METRICS.rssPerConnection, "KiB");
    target3("3. boards: server CPU ≤ 1.0× reference", BOARDS_METRICS.serverCpu, "s");
    target3("3. boards: update p99 ≤ 1.0× reference", BOARDS_METRICS.updateP99, "ms");
  }
  const oursDist = res.startup?.find((s) => s.target === "ours-dist") ?? null;
  const baseStart = res.startup?.find((s) => s.target === "baseline") ?? null;
  if (oursDist && baseStart) {
    push("3. idle RSS ≤ 1.5× reference", `${f1(oursDist.idleRssMiB)} vs ${f1(baseStart.idleRssMiB)} MiB (${ratio(oursDist.idleRssMiB, baseStart.idleRssMiB)})`, oursDist.idleRssMiB <= 1.5 * baseStart.idleRssMiB);
  }

  // 4. Joins of the big board.
  if (res.bigboard?.baseline) {
    const { ours, baseline } = res.bigboard;
    const wo = num(ours.warm, "medianMs");
    const wb = num(baseline.warm, "medianMs");
    const co = ours.cold ? num(ours.cold, "medianMs") : null;
    // The cold join against the reference's warm join made the same way: each after the same idle gap.
    const wbIdle = num(afterIdle(baseline), "medianMs");
    // The client's apply is the same work whoever serves the state: the part a server decides is the arrival.
    const split = (a: Record<string, unknown> | null, b: Record<string, unknown> | null) =>
      `; state in the client ${f1(num(a, "arrivalMedianMs"))} vs ${f1(num(b, "arrivalMedianMs"))} ms,` +
      ` the client's apply ${f1(num(a, "applyMedianMs"))} vs ${f1(num(b, "applyMedianMs"))} ms`;
    push("4. warm join ≤ 0.7× reference", `${f1(wo)} vs ${f1(wb)} ms (${ratio(wo, wb)})${split(ours.warm, baseline.warm)}`, wo !== null && wb !== null ? wo <= 0.7 * wb : null);
    push(
      "4. cold join ≤ 1.0× reference warm (both after the same idle gap)",
      `${f1(co)} vs ${f1(wbIdle)} ms (${ratio(co, wbIdle)})${split(ours.cold, afterIdle(baseline))}`,
      co !== null && wbIdle !== null ? co <= wbIdle : null,
    );
  }

  // 5. Hocuspocus beside the reference server in every room and boards scenario.
  const hpRooms = res.room.filter((r) => r.hocuspocus).length;
  if (res.room.length > 0 || res.boards) {
    const needed = res.room.filter((r) => r.baseline).length + (res.boards?.baseline ? 1 : 0);
    const have = hpRooms + (res.boards?.hocuspocus ? 1 : 0);
    push("5. Hocuspocus 3 measured in every room and boards run", `${have} of ${needed} runs`, have === needed);
  }

  // 6. The web client is measured in Chromium by apps/web/e2e/bench-board.ts (docs/web-performance.md, read by web-targets.ts).
  if (web) checks.push(...web);
  else push("6. web client (open ≤ 1.15× bare Excalidraw, remote edit p95 ≤ 16 ms)", "apps/web/e2e/bench-board.ts, docs/web-performance.md", null);
  return checks;
}
