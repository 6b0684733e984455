import type { Flags } from "./args";
import type { ProfileSummary } from "./profile-summary";
import type { BigBoardFigures, RunFigures, StartupFigures } from "./scenarios";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memGiB: number;
  node: string;
  os: string;
}

export type BoardsFigures = RunFigures & { rssPerConnectionKiB: number | null };

/** One round of the many-boards scenario: every server, run back to back. */
export interface BoardsRound {
  ours: BoardsFigures;
  baseline: BoardsFigures | null;
  hocuspocus: BoardsFigures | null;
  /** Our server with STORAGE=memory: what the durable write costs in this scenario (null before it was measured). */
  oursMemory: BoardsFigures | null;
}

export interface RoomRow {
  n: number;
  ours: RunFigures | null;
  baseline: RunFigures | null;
  /** Hocuspocus 3, default server, in memory: the second baseline. */
  hocuspocus: RunFigures | null;
  /** Our server with STORAGE=memory (durability scenario). */
  oursMemory: RunFigures | null;
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

export interface Results {
  startedAt: string;
  finishedAt: string;
  /** `git describe` of the checkout that ran (with -dirty for uncommitted changes); null if unknown. */
  commit: string | null;
  machine: Machine;
  argv: string[];
  flags: Flags;
  /** Idle process: ours compiled, ours through tsx, the reference server. */
  startup: StartupFigures[] | null;
  room: RoomRow[];
  boards: BoardsRound | null;
  /** Every round of the boards scenario (`boards` is the one with the median CPU ratio); empty before rounds existed. */
  boardsRounds: BoardsRound[];
  bigboard: { ours: BigBoardFigures; baseline: BigBoardFigures | null; hocuspocus: BigBoardFigures | null } | null;
  profile: (ProfileSummary & { file: string; scenario: string }) | null;
  targets: TargetCheck[];
}
