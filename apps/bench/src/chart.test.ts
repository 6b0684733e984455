import { describe, expect, it } from "vitest";
import { logBounds, renderChart } from "./chart";
import { parseCpuSeconds, parseMemory } from "./proc-stats";
import { moduleOf, summarizeProfile } from "./profile-summary";
import { parseFlags, UsageError } from "./args";

describe("renderChart", () => {
  it("spans whole decades and draws one path per series with ≥ 2 points", () => {
    expect(logBounds([3, 250])).toEqual({ lo: 0, hi: 3 });
    const svg = renderChart(
      "t",
      [
        { n: 200, series: { a: 10, b: 100 } },
        { n: 500, series: { a: 20, b: Number.NaN } },
      ],
      [
        { key: "a", label: "A", color: "#000", dashed: false },
        { key: "b", label: "B", color: "#f00", dashed: true },
      ],
    );
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain("100 ms");
  });
});

describe("/proc parsing", () => {
  it("reads utime+stime after a command name with spaces", () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[11] = "250"; // utime (field 14)
    fields[12] = "50"; // stime (field 15)
    expect(parseCpuSeconds(`123 (node (x) y) ${fields.join(" ")}`)).toBe(3);
  });
  it("reads VmHWM and VmRSS", () => {
    expect(parseMemory("VmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\n")).toEqual({ peakRssMiB: 2, rssMiB: 1 });
  });
});

describe("profile summary", () => {
  it("attributes self time by module and function", () => {
    const s = summarizeProfile({
      startTime: 0,
      endTime: 4000,
      nodes: [
        { id: 1, callFrame: { functionName: "(idle)", url: "", lineNumber: -1 }, hitCount: 1 },
        { id: 2, callFrame: { functionName: "send", url: "file:///r/node_modules/.pnpm/ws@8/node_modules/ws/lib/sender.js", lineNumber: 9 }, hitCount: 3 },
      ],
    });
    expect(s.byModule[0]).toEqual({ name: "ws", selfMs: 3, share: 0.75 });
    expect(s.byFunction[0]?.name).toBe("send ws:10");
    expect(moduleOf("file:///w/apps/server/src/sync/room.ts", "f")).toBe("server/src/sync/room.ts");
  });
});

describe("flags", () => {
  it("quick preset by default, full preset with --full, explicit flags win", () => {
    expect(parseFlags([]).clients).toEqual([100]);
    const full = parseFlags(["--full", "--clients", "200,500"]);
    expect(full.clients).toEqual([200, 500]);
    expect(full.duration).toBe(15);
  });
  it("rejects a bad scenario with usage", () => {
    expect(() => parseFlags(["--scenario", "nope"])).toThrow(UsageError);
  });
});
