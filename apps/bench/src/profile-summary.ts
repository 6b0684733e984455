import { readFileSync } from "node:fs";
import { z } from "zod";

/** The parts of a V8 .cpuprofile (written by `node --cpu-prof`) that self-time needs. */
const CpuProfile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      hitCount: z.number().optional(),
    }),
  ),
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number()).optional(),
});

export interface ProfileEntry {
  name: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: ProfileEntry[];
  byModule: ProfileEntry[];
}

/** Where a frame's code lives: a package name, our source file, node internals or V8 itself. */
export function moduleOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return url;
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = url.slice(nm + "node_modules/".length).split("/");
    return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1] ?? ""}` : (parts[0] ?? url);
  }
  const src = url.indexOf("/src/");
  return src >= 0 ? url.slice(url.lastIndexOf("/", src - 1) + 1) : url;
}

function top(map: Map<string, number>, totalMs: number, limit: number): ProfileEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, selfMs]) => ({ name, selfMs, share: totalMs > 0 ? selfMs / totalMs : 0 }));
}

export function summarizeProfile(json: unknown, limit = 20): ProfileSummary {
  const p = CpuProfile.parse(json);
  const totalMs = (p.endTime - p.startTime) / 1000;
  const totalHits = p.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const msPerHit = totalMs / totalHits;
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  for (const node of p.nodes) {
    const ms = (node.hitCount ?? 0) * msPerHit;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const mod = moduleOf(url, functionName);
    const fn = `${functionName || "(anonymous)"} ${mod}${url ? `:${lineNumber + 1}` : ""}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
  }
  return { totalMs, byFunction: top(byFunction, totalMs, limit), byModule: top(byModule, totalMs, limit) };
}

export function summarizeProfileFile(file: string, limit = 20): ProfileSummary {
  return summarizeProfile(JSON.parse(readFileSync(file, "utf8")), limit);
}
