import { readFileSync } from "node:fs";

/** Clock ticks per second for /proc/<pid>/stat times; 100 on every Linux this runs on. */
const CLK_TCK = 100;

/** utime + stime of a process in seconds, from /proc/<pid>/stat (fields 14 and 15). */
export function cpuSecondsOf(pid: number): number {
  return parseCpuSeconds(readFileSync(`/proc/${pid}/stat`, "utf8"));
}

export function parseCpuSeconds(stat: string): number {
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // rest[0] is field 3 (state), so field n is rest[n - 3].
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return (utime + stime) / CLK_TCK;
}

/** VmHWM (peak RSS) and VmRSS in MiB from /proc/<pid>/status. */
export function memoryOf(pid: number): { peakRssMiB: number; rssMiB: number } {
  return parseMemory(readFileSync(`/proc/${pid}/status`, "utf8"));
}

export function parseMemory(status: string): { peakRssMiB: number; rssMiB: number } {
  const kb = (name: string): number => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status);
    return m?.[1] ? Number(m[1]) : Number.NaN;
  };
  return { peakRssMiB: kb("VmHWM") / 1024, rssMiB: kb("VmRSS") / 1024 };
}
