import type { Sender } from "./connection";
import { nowMs } from "./clock";
import { encodeAwareness } from "./wire";

/** People per working group of a big room: a workshop of 2,000 splits into groups around frames. */
export const PEOPLE_PER_GROUP = 50;
/** Distance between two groups' frames on the canvas (scene units). */
const GROUP_SPACING = 6_000;

/** Where client `index` of a room of `clients` works: groups of PEOPLE_PER_GROUP on a square grid of frames. */
export function homeOf(index: number, clients: number): { x: number; y: number } {
  const groups = Math.max(1, Math.ceil(clients / PEOPLE_PER_GROUP));
  const side = Math.ceil(Math.sqrt(groups));
  const group = index % groups;
  return { x: (group % side) * GROUP_SPACING, y: Math.floor(group / side) * GROUP_SPACING };
}

/** One client's awareness identity; every send bumps the clock as y-protocols' Awareness does. */
export class Cursor {
  private clock = 0;

  constructor(
    readonly clientId: number,
    private readonly name: string,
    /** Where on the canvas this person works (scene coordinates): the cursor moves within one screen of it. */
    private readonly home: { x: number; y: number } = { x: 0, y: 0 },
  ) {}

  send(ws: Sender, seq: number): void {
    this.clock++;
    // The web client's shape (PeerState): a pointer in scene coordinates.
    const state = JSON.stringify({
      user: { name: this.name, color: "#1e88e5", role: "editor" },
      pointer: { x: this.home.x + ((seq * 37) % 1600), y: this.home.y + ((seq * 53) % 900) },
      t: nowMs(),
    });
    ws.send(encodeAwareness([{ clientId: this.clientId, clock: this.clock, state }]));
  }
}
