import { parseFlags } from "./args";
import type { Results } from "./results";

/**
 * A documented run's results with every scenario left out, for tests to fill in: the run of
 * 2026-12-07 05:39–05:49 UTC on commit 4a10c72 (docs-block.test.ts checks how that header renders).
 */
export function fullRunWithoutScenarios(): Omit<Results, "targets"> {
  return {
    startedAt: "2026-12-07T05:39:47.046Z",
    finishedAt: "2026-12-07T05:49:17.249Z",
    commit: "4a10c72",
    machine: { cpus: 2, cpuModel: "AMD EPYC", memGiB: 23.5, node: "v20.20.2", os: "Linux 6.18.44 x64" },
    argv: ["--full"],
    flags: parseFlags(["--full"]),
    startup: null,
    room: [],
    boards: null,
    boardsRounds: [],
    bigboard: null,
    profile: null,
  };
}
