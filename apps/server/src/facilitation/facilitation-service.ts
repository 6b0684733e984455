import { randomInt } from "node:crypto";
import * as Y from "yjs";
import type { Role } from "@quadrant/protocol";
import {
  type Actor,
  ClientControlMessage,
  type Command,
  type CommandResult,
  type FacilitationState,
  type FacilitationView,
  type ServerControlMessage,
  applyCommand,
  initialState,
  parseState,
  viewFor,
} from "@quadrant/facilitation";
import type { Storage } from "../storage/storage";
import type { Fanout } from "../sync/fanout/fanout";
import type { Connection } from "../sync/connection";
import type { SyncLogger } from "../sync/logger";
import type { RoomHandle as Room } from "../sync/room-handle";
import type { RoomHooks } from "../sync/room-hooks";
import { dependenciesMet, dependenciesOf } from "../sync/update-dependencies";
import { type BoardAccess, requirePermission } from "../services/board-access";
import { CommandBudgets } from "../services/command-budget";
import { socketParticipant } from "../services/participant";
import { ServiceError } from "../services/service-error";
import { applyDocEffect, boardContext } from "./board-doc";
import { HeldUpdates, createdElements } from "./held-updates";

export interface FacilitationDeps {
  storage: Storage;
  fanout: Fanout;
  logger: SyncLogger;
  /** Server clock, epoch ms (injected so tests control time). */
  now: () => number;
  /** A board's loaded room, loading it if needed (REST commands). */
  acquireRoom: (boardId: string) => Promise<Room>;
  /** Told after every applied command, with the state before and after it (board history takes its snapshots). */
  onStateChanged?: (room: Room, before: FacilitationState, after: FacilitationState) => void;
}

/** Per loaded board: the state, and a queue that runs commands one at a time. */
interface BoardControl {
  state: FacilitationState;
  loaded: boolean;
  queue: Promise<void>;
}

export type SubmitResult = CommandResult | { ok: false; reason: "invalid"; message: string };

/**
 * Server side of facilitation: holds each loaded board's control state, runs
 * commands through the pure reducer, persists before anyone sees the result,
 * applies document effects through the room's durable pipeline, and sends each
 * opted-in connection its own redacted view.
 */
export class FacilitationService {
  private readonly boards = new Map<string, BoardControl>();
  private readonly budgets: CommandBudgets<Connection>;
  /** Editors' document updates held during a private brainstorm (held-updates.ts). */
  private readonly held = new HeldUpdates();

  constructor(private readonly deps: FacilitationDeps) {
    this.budgets = new CommandBudgets(deps.now);
  }

  /** The room hooks that plug facilitation into the sync core. */
  hooks(): Partial<RoomHooks> {
    return {
      canWriteDocument: (connection, room) => this.canWrite(connection.role, room.boardId),
      holdUpdate: (connection, room, update) => this.holdPrivate(connection, room, update),
      onRoomLoaded: (room) => this.load(room),
      onRoomUnloading: (room) => {
        this.boards.delete(room.boardId);
        this.held.forget(room.boardId);
      },
      onConnectionJoined: (room, connection) => {
        this.background(room.boardId, () => this.enqueue(room.boardId, async () => this.sendView(room, connection)));
      },
      onControlFrame: (room, connection, payload) => {
        this.background(room.boardId, () => this.handleFrame(room, connection, payload));
      },
      onControlChanged: (room) => {
        this.background(room.boardId, () => this.enqueue(room.boardId, async () => {
          const entry = this.boards.get(room.boardId);
          if (!entry) return;
          entry.state = parseState(await this.deps.storage.getControlState(room.boardId));
          // Another instance revealed: what this one held goes in now.
          if (!entry.state.brainstorm.on) await this.releaseHeld(room);
          this.pushViews(room);
        }));
      },
    };
  }

  /**
   * The write policy. A locked board makes editors read-only here, on the
   * server: their updates are dropped before they are applied or stored.
   * Until the state has loaded (a few ms after the room) the lock is unknown
   * and the plain role rule applies.
   */
  canWrite(role: Role, boardId: string): boolean {
    switch (role) {
      case "facilitator":
        return true;
      case "viewer":
        return false;
      case "editor":
        return !(this.boards.get(boardId)?.state.lock.board ?? false);
    }
  }

  /**
   * The private brainstorm's server-side net: an editor's update that creates an element
   * while private mode is on is held, not relayed, and its new elements become the
   * editor's held notes (so they count and come back after a reload). The facilitator's
   * updates are not held: the facilitator is trusted with the board (templates inserted
   * mid-brainstorm stay public) and their client holds their own notes like everyone's.
   */
  private holdPrivate(connection: Connection, room: Room, update: Uint8Array): boolean {
    const entry = this.boards.get(room.boardId);
    if (!entry?.state.brainstorm.on || connection.role !== "editor") return false;
    const participant = socketParticipant(connection.identity);
    const created = createdElements(room.doc, update);
    if (created.length === 0 && !this.held.holds(room.boardId, participant)) return false;
    this.held.hold(room.boardId, participant, update);
    this.deps.logger.debug({ boardId: room.boardId, created: created.length }, "update held for the private brainstorm");
    const actor: Actor = { participantId: participant, role: connection.role };
    for (const element of created) {
      this.background(room.boardId, () => this.submit(room, actor, { type: "brainstorm.put", element }));
    }
    return true;
  }

  /** After a reveal: the held updates go into the document through the durable pipeline (SS3). */
  private async releaseHeld(room: Room): Promise<void> {
    const merged = this.held.release(room.boardId);
    if (!merged) return;
    // Never leave Yjs pending state (SS7): an update whose base is missing waits for the author's resync.
    if (!dependenciesMet(dependenciesOf(Y.decodeUpdate(merged)), room.doc)) {
      this.deps.logger.warn({ boardId: room.boardId }, "held updates could not be applied; the authors' browsers resend them");
      return;
    }
    await room.applyServerChange((doc) => Y.applyUpdate(doc, merged));
  }

  /** The board's state: the loaded one when its room is here, else the stored one. */
  async currentState(boardId: string): Promise<FacilitationState> {
    return this.boards.get(boardId)?.state ?? parseState(await this.deps.storage.getControlState(boardId));
  }

  /**
   * Replaces a board's control state (a backup restored into a new board). Written under the
   * storage lock like a command. When the board is loaded here the write queues behind its load
   * and commands; a load that started while the write was in flight re-reads after it.
   */
  async restore(boardId: string, state: FacilitationState): Promise<void> {
    const write = () => this.deps.storage.updateControlState(boardId, async () => ({ next: state, result: undefined }));
    if (this.boards.has(boardId)) {
      await this.enqueue(boardId, async () => {
        await write();
        const entry = this.boards.get(boardId);
        if (entry) entry.state = state;
      });
    } else {
      await write();
      if (this.boards.has(boardId)) {
        await this.enqueue(boardId, async () => {
          const entry = this.boards.get(boardId);
          if (entry) entry.state = parseState(await this.deps.storage.getControlState(boardId));
        });
      }
    }
    this.deps.fanout.publish({ kind: "control-changed", docId: boardId });
  }

  /** A REST caller's view: redacted for its role and participant id (services/participant.ts). */
  async view(access: BoardAccess, participantId: string): Promise<FacilitationView> {
    requirePermission(access, "facilitation.read");
    return viewFor(await this.currentState(access.board.id), participantId, access.role, this.deps.now());
  }

  /** Runs a REST caller's command; a refusal throws (forbidden: the role; conflict: the state). */
  async command(access: BoardAccess, participantId: string, command: Command): Promise<FacilitationView> {
    requirePermission(access, "facilitation.command");
    const room = await this.deps.acquireRoom(access.board.id);
    const result = await this.submit(room, { participantId, role: access.role }, command);
    if (!result.ok) throw new ServiceError(result.reason === "forbidden" ? "forbidden" : "conflict", result.reason, result.message);
    return viewFor(result.state, participantId, access.role, this.deps.now());
  }

  private load(room: Room): void {
    const entry: BoardControl = { state: initialState(), loaded: false, queue: Promise.resolve() };
    this.boards.set(room.boardId, entry);
    entry.queue = this.deps.storage
      .getControlState(room.boardId)
      .then((raw) => {
        entry.state = parseState(raw);
        entry.loaded = true;
      })
      .catch((error: unknown) => {
        this.deps.logger.error({ boardId: room.boardId, err: error }, "facilitation state could not be loaded");
      });
  }

  /** Fire-and-forget from a hook: a failure is logged, never an unhandled rejection (which would end the process). */
  private background(boardId: string, task: () => Promise<unknown>): void {
    task().catch((error: unknown) => this.deps.logger.error({ boardId, err: error }, "facilitation task failed"));
  }

  /** Runs `task` after every earlier task of the board: commands never interleave. */
  private enqueue<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const entry = this.boards.get(boardId);
    if (!entry) return Promise.reject(new Error("board not loaded"));
    const run = entry.queue.then(task);
    entry.queue = run.then(
      () => undefined,
      (error: unknown) => this.deps.logger.error({ boardId, err: error }, "facilitation task failed"),
    );
    return run;
  }

  private async handleFrame(room: Room, connection: Connection, payload: string): Promise<void> {
    if (!this.budgets.allow(connection)) {
      this.send(room, connection, { type: "refused", id: null, reason: "limit", message: "too many commands, slow down" });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      json = undefined;
    }
    const parsed = ClientControlMessage.safeParse(json);
    if (!parsed.success) {
      this.send(room, connection, { type: "refused", id: null, reason: "invalid", message: "malformed control message" });
      return;
    }
    const actor: Actor = { participantId: socketParticipant(connection.identity), role: connection.role };
    const result = await this.submit(room, actor, parsed.data.command).catch((error: unknown) => {
      this.deps.logger.error({ boardId: room.boardId, err: error }, "facilitation command failed");
      return null;
    });
    if (result && !result.ok) {
      this.send(room, connection, { type: "refused", id: parsed.data.id, reason: result.reason, message: result.message });
    }
  }

  /** Applies a command for an actor on a loaded room's board. Used by the websocket and REST. */
  submit(room: Room, actor: Actor, command: Command): Promise<SubmitResult> {
    return this.enqueue(room.boardId, async () => {
      const entry = this.boards.get(room.boardId);
      if (!entry || !entry.loaded) return { ok: false, reason: "invalid", message: "facilitation state unavailable" };
      const seen: { before: FacilitationState | null } = { before: null };
      // Read, apply and write under the storage's per-board lock, so two instances
      // taking commands for one board at once cannot overwrite each other's ballots
      // or both let a participant past the vote limit (its fan-out message may still
      // be in flight: what is stored is the truth).
      const result = await this.deps.storage.updateControlState<ReturnType<typeof applyCommand>>(room.boardId, async (stored) => {
        const before = parseState(stored);
        seen.before = before;
        const applied = applyCommand(before, command, actor, this.deps.now(), boardContext(room.doc));
        if (!applied.ok) return { next: null, result: applied };
        // A reveal: held updates first, so the held notes' latest versions win and the
        // insert below skips ids that are already there.
        if (before.brainstorm.on && !applied.state.brainstorm.on) await this.releaseHeld(room);
        // Document first, state second: if we die in between, the held notes are
        // both in the document and still held, and a second reveal is idempotent
        // (same element ids); the other order could lose them.
        for (const effect of applied.effects) {
          if (effect.kind === "summon") continue;
          await room.applyServerChange((doc) => {
            applyDocEffect(doc, effect, () => randomInt(2 ** 31 - 1), this.deps.now());
          });
        }
        return { next: applied.state, result: applied };
      });
      if (!result.ok) return result;
      entry.state = result.state;
      for (const effect of result.effects) {
        if (effect.kind === "summon") {
          this.broadcast(room, { type: "summon", viewport: effect.viewport, serverNow: this.deps.now() });
        }
      }
      this.deps.fanout.publish({ kind: "control-changed", docId: room.boardId });
      // A read marker changes the reader's view only: no need to send every view of the room again.
      if (command.type === "comment.read") this.pushViewsOf(room, actor.participantId);
      else this.pushViews(room);
      if (seen.before) this.deps.onStateChanged?.(room, seen.before, result.state);
      return result;
    });
  }

  private pushViews(room: Room): void {
    for (const connection of room.connections) this.sendView(room, connection);
  }

  private pushViewsOf(room: Room, participantId: string): void {
    for (const connection of room.connections) {
      if (socketParticipant(connection.identity) === participantId) this.sendView(room, connection);
    }
  }

  private sendView(room: Room, connection: Connection): void {
    const entry = this.boards.get(room.boardId);
    if (!entry || !entry.loaded || !connection.identity.wantsControl) return;
    const view = viewFor(entry.state, socketParticipant(connection.identity), connection.role, this.deps.now());
    this.send(room, connection, { type: "view", view });
  }

  private send(room: Room, connection: Connection, message: ServerControlMessage): void {
    room.sendControl(connection, JSON.stringify(message));
  }

  private broadcast(room: Room, message: ServerControlMessage): void {
    room.broadcastControl(JSON.stringify(message));
  }
}
