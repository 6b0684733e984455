import { describe, expect, it } from "vitest";
import { isDocumentedRun, parseFlags } from "./args";
import { BLOCK_END, MissingMarkersError, renderDocsBlock, replaceDocsBlock } from "./docs-block";
import { checkTargets } from "./report";
import type { Results } from "./results";
import { parseResults } from "./results-file";
import { fullRunWithoutScenarios } from "./results-fixture";
import type { RunFigures, Target } from "./scenarios";

const run = (target: Target, p99: number, missing: number, load: [number, number | null]): RunFigures => ({
  target,
  serverCpuS: 3,
  serverPeakRssMiB: 100,
  loadAvgAtStart: load[0],
  loadAvgAtEnd: load[1],
  load: { connected: 50, update: { p99 }, cursor: { p99 }, updatesMissingAtProbes: missing, updatesExpectedAtProbes: 8500 },
  loadRun: { serverCpuMeasureS: 3, rssBeforeMiB: 90, rssSyncedMiB: 95, wallS: 20 },
});

function results(profile: boolean): Results {
  const partial: Omit<Results, "targets"> = {
    ...fullRunWithoutScenarios(),
    startup: [
      { target: "ours-dist", readyMs: 710, idleRssMiB: 96.9, starts: 3, loadAvgAtStart: 0.5, loadAvgAtEnd: 0.7 },
      { target: "baseline", readyMs: 188, idleRssMiB: 56.6, starts: 3, loadAvgAtStart: 0.7, loadAvgAtEnd: 0.6 },
    ],
    room: [
      {
        n: 50,
        ours: run("ours", 9, 0, [0.6, 2.7]),
        baseline: run("baseline", 4.4, 0, [0.8, 0.9]),
        hocuspocus: run("hocuspocus", 5.2, 0, [0.6, 0.6]),
        oursMemory: run("ours-memory", 7.6, 0, [0.5, null]),
      },
    ],
    profile: profile
      ? {
          totalMs: 100,
          byModule: [{ name: "ws", selfMs: 40, share: 0.4 }],
          byFunction: [{ name: "writev (native)", selfMs: 30, share: 0.3 }],
          file: "apps/bench/results/ours-room.cpuprofile",
          scenario: "room N=50",
        }
      : null,
  };
  return { ...partial, targets: checkTargets(partial, null) };
}

const DOC = `# Benchmarks

Prose before.

## Results

<!-- bench:start (old) -->
| stale | table |
<!-- bench:end -->

## History

Prose after.
`;

describe("renderDocsBlock", () => {
  it("holds the run's conditions, every verdict, the chart link and every table", () => {
    const block = renderDocsBlock(results(false), "benchmarks/room-p99.svg");
    expect(block.startsWith("<!-- bench:start")).toBe(true);
    expect(block.endsWith(BLOCK_END)).toBe(true);
    expect(block).toContain("2026-12-07 05:39–05:49 UTC (9.5 min), commit `4a10c72`");
    expect(block).toContain("2 cores (AMD EPYC), 23.5 GiB RAM, Linux 6.18.44 x64, Node v20.20.2");
    // Start and end of all six server runs, each range over what was recorded (the null end is skipped).
    expect(block).toContain("0.5–0.8 at the start of the 6 server runs, 0.6–2.7 at the end of 5 of the 6 server runs;");
    expect(block).toMatch(/\| 1\. room 50: update\.p99 ≤ reference \| 9\.0 vs 4\.4 ms \(2\.05×\) \| FAIL \|/);
    expect(block).toMatch(/\| 1\. room 50: 0 updates missing \| .* \| PASS \|/);
    expect(block).toContain("![Room: p99 latency");
    expect(block).toContain("(benchmarks/room-p99.svg)");
    expect(block).toContain("### room, N = 50");
    expect(block).toContain("| machine load avg (1 min) at end | 2.7 | 0.9 |");
    expect(block).toContain("### idle process");
    expect(block).not.toContain("CPU profile");
  });

  it("adds the profile summary only for a --profile run, and no chart link without rooms", () => {
    const withProfile = renderDocsBlock(results(true), null);
    expect(withProfile).toContain("### CPU profile of our server (room N=50), self time");
    expect(withProfile).toContain("| writev (native) | 30.0 | 30.0% |");
    expect(withProfile).not.toContain("![");
  });

  it("says when a results file predates the end-of-run load average", () => {
    const old = results(false);
    const json = JSON.parse(JSON.stringify(old)) as Record<string, unknown>;
    // What an earlier bench wrote: no commit, no load average at the end of any run.
    delete json["commit"];
    const strip = (o: unknown): void => {
      if (typeof o !== "object" || o === null) return;
      if ("loadAvgAtEnd" in o) delete (o as Record<string, unknown>)["loadAvgAtEnd"];
      Object.values(o).forEach(strip);
    };
    strip(json);
    const block = renderDocsBlock(parseResults(json, null), "c.svg");
    expect(block).toContain("(9.5 min); commit not recorded.");
    expect(block).toContain("not recorded at the end (the version of the bench that ran recorded only the start)");
  });
});

describe("replaceDocsBlock", () => {
  it("replaces only what lies between the markers, and a second run changes nothing more", () => {
    const block = renderDocsBlock(results(false), "benchmarks/room-p99.svg");
    const once = replaceDocsBlock(DOC, block, "docs/benchmarks.md");
    expect(once).not.toContain("| stale | table |");
    expect(once.startsWith("# Benchmarks\n\nProse before.\n\n## Results\n\n<!-- bench:start (generated")).toBe(true);
    expect(once.endsWith(`${BLOCK_END}\n\n## History\n\nProse after.\n`)).toBe(true);
    expect(replaceDocsBlock(once, block, "docs/benchmarks.md")).toBe(once);
  });

  it("inserts the block literally (a profiled function may be named `$&`)", () => {
    const block = "<!-- bench:start -->\n| $& $1 $` | 1.0 |\n<!-- bench:end -->";
    expect(replaceDocsBlock(DOC, block, "d.md")).toContain("\n| $& $1 $` | 1.0 |\n");
  });

  it("names the markers to add when they are missing", () => {
    expect(() => replaceDocsBlock("# Benchmarks\n", "x", "docs/benchmarks.md")).toThrow(MissingMarkersError);
    expect(() => replaceDocsBlock("# Benchmarks\n", "x", "docs/benchmarks.md")).toThrow(
      'docs/benchmarks.md has no "<!-- bench:start -->": add a line "<!-- bench:start -->" where the generated results go and a line "<!-- bench:end -->" after it',
    );
    expect(() => replaceDocsBlock("<!-- bench:start -->\nno end\n", "x", "d.md")).toThrow(
      'd.md has no "<!-- bench:end -->" after "<!-- bench:start -->"',
    );
    expect(() => replaceDocsBlock(`${DOC}\n<!-- bench:start -->\n<!-- bench:end -->\n`, "x", "d.md")).toThrow("more than one");
  });
});

describe("isDocumentedRun", () => {
  it("only the full preset of every scenario and server may rewrite the docs", () => {
    expect(isDocumentedRun(parseFlags(["--full"]))).toBe(true);
    expect(isDocumentedRun(parseFlags(["--full", "--profile"]))).toBe(true);
    expect(isDocumentedRun(parseFlags([]))).toBe(false);
    expect(isDocumentedRun(parseFlags(["--full", "--scenario", "room"]))).toBe(false);
    expect(isDocumentedRun(parseFlags(["--full", "--servers", "ours"]))).toBe(false);
    expect(isDocumentedRun(parseFlags(["--full", "--clients", "500"]))).toBe(false);
  });
});
