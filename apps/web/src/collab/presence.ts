import { z } from "zod";
import type { Awareness } from "y-protocols/awareness";
import { Role } from "@quadrant/protocol";
import { realScheduler, type Scheduler } from "./elementBinding";

/** What each participant publishes through awareness (never through the document). */
export const PeerState = z.object({
  user: z.object({
    name: z.string().max(80),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    role: Role,
    /**
     * The name of the group the server placed this person in (groups/usePresenceGroup.ts), for the
     * avatars. Self-published, so display only: the server's roster is what results by group use.
     */
    group: z.string().max(40).optional(),
  }),
  pointer: z.object({ x: z.number(), y: z.number() }).optional(),
  button: z.enum(["up", "down"]).optional(),
  selectedElementIds: z.array(z.string()).max(5000).optional(),
  /** Scene coordinates of the viewport centre and the zoom, for "follow". */
  viewport: z.object({ cx: z.number(), cy: z.number(), zoom: z.number().positive() }).optional(),
  /** Last time this person did something (ms since epoch): idle cursors fade. */
  activeAt: z.number(),
});
export type PeerState = z.infer<typeof PeerState>;
export type PeerUser = PeerState["user"];

export interface Peer {
  clientId: number;
  state: PeerState;
}

/** Pointer traffic is capped like element traffic: at most one awareness update per 40 ms. */
const POINTER_INTERVAL_MS = 40;

/**
 * The one module that talks to the Yjs awareness API. Everything else reads
 * typed, validated `Peer`s; malformed states from other clients are ignored.
 */
export class Presence {
  private pending: Partial<PeerState> = {};
  private cancelTimer: (() => void) | null = null;
  private lastSent = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly awareness: Awareness,
    private readonly scheduler: Scheduler = realScheduler,
  ) {}

  get clientId(): number {
    return this.awareness.clientID;
  }

  setUser(user: PeerUser): void {
    const current = this.awareness.getLocalState() ?? {};
    this.awareness.setLocalState({ ...current, user, activeAt: this.scheduler.now() });
  }

  /** Shows (or, with undefined, clears) this person's group beside their name on everyone's screen. */
  setGroup(group: string | undefined): void {
    const current = this.awareness.getLocalState();
    const parsed = PeerState.shape.user.safeParse(current?.["user"]);
    if (!current || !parsed.success || parsed.data.group === group) return;
    const { group: _old, ...user } = parsed.data;
    this.awareness.setLocalState({ ...current, user: group === undefined ? user : { ...user, group } });
  }

  setPointer(pointer: { x: number; y: number }, button: "up" | "down"): void {
    this.queue({ pointer, button, activeAt: this.scheduler.now() });
  }

  setSelection(selectedElementIds: string[]): void {
    this.queue({ selectedElementIds });
  }

  setViewport(viewport: { cx: number; cy: number; zoom: number }): void {
    this.queue({ viewport });
  }

  /** Other participants with a valid state (the local client excluded). */
  peers(): Peer[] {
    const result: Peer[] = [];
    this.awareness.getStates().forEach((raw, clientId) => {
      if (clientId === this.awareness.clientID) return;
      const parsed = PeerState.safeParse(raw);
      if (parsed.success) result.push({ clientId, state: parsed.data });
    });
    return result;
  }

  local(): PeerState | null {
    const parsed = PeerState.safeParse(this.awareness.getLocalState());
    return parsed.success ? parsed.data : null;
  }

  subscribe(listener: () => void): () => void {
    const handler = () => listener();
    this.awareness.on("change", handler);
    return () => this.awareness.off("change", handler);
  }

  destroy(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private queue(patch: Partial<PeerState>): void {
    this.pending = { ...this.pending, ...patch };
    if (this.cancelTimer) return;
    const wait = this.lastSent + POINTER_INTERVAL_MS - this.scheduler.now();
    if (wait <= 0) {
      this.send();
      return;
    }
    this.cancelTimer = this.scheduler.setTimeout(() => {
      this.cancelTimer = null;
      this.send();
    }, wait);
  }

  private send(): void {
    const current = this.awareness.getLocalState();
    if (!current) return;
    this.lastSent = this.scheduler.now();
    this.awareness.setLocalState({ ...current, ...this.pending });
    this.pending = {};
  }
}
