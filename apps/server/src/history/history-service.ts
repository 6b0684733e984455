import { randomBytes, randomInt } from "node:crypto";
import type * as Y from "yjs";
import { type BoardSnapshot, diffElements, restoreContent, sameJson, snapshotBoard } from "@quadrant/board-model";
import type { FacilitationState } from "@quadrant/facilitation";
import type { HistoryDetail, HistoryTrigger } from "@quadrant/protocol";
import type { HistorySettings } from "../config";
import type { HistoryMeta, Storage } from "../storage/storage";
import { KeyLock } from "../storage/locks";
import type { SyncLogger } from "../sync/logger";
import type { RoomHandle as Room } from "../sync/room-handle";
import type { RoomHooks } from "../sync/room-hooks";
import { type BoardAccess, requirePermission } from "../services/board-access";
import { socketParticipant } from "../services/participant";
import { notFound } from "../services/service-error";
import { decodeContent, encodeContent, visibleElements } from "./snapshot-content";
import { momentsBetween } from "./moments";
import { EditorLog } from "./editor-log";

export interface HistoryDeps {
  storage: Storage;
  logger: SyncLogger;
  /** Server clock, epoch ms. */
  now: () => number;
  settings: HistorySettings;
  /** A board's loaded room, loading it if needed. */
  acquireRoom: (boardId: string) => Promise<Room>;
  /** The rooms loaded on this instance (the snapshot timer looks at these). */
  loadedRooms: () => readonly Room[];
  /** The board's facilitation state (its roster names who was editing). */
  facilitationState: (boardId: string) => Promise<FacilitationState>;
}

/** A snapshot opened read-only (HistoryDetail, with the stored metadata). */
export type SnapshotDetail = Omit<HistoryDetail, "entry"> & { entry: HistoryMeta };

/** Per loaded board: whether the document changed since the last snapshot, and the listener that says so. */
interface Watched {
  changed: boolean;
  stop: () => void;
}

/**
 * Board history (docs/history.md): snapshots of a board's document at facilitation moments, on
 * a timer while it changes, and as the facilitator's named checkpoints; and restore in place.
 * Snapshots and restores of one board run one at a time on this instance (a restore's safety
 * snapshot must be of the state it replaces).
 */
export class HistoryService {
  private readonly watched = new Map<string, Watched>();
  private readonly editors = new EditorLog();
  private readonly lock = new KeyLock();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly deps: HistoryDeps) {}

  hooks(): Partial<RoomHooks> {
    return {
      onRoomLoaded: (room) => this.watch(room),
      onRoomUnloading: (room) => {
        this.watched.get(room.boardId)?.stop();
        this.watched.delete(room.boardId);
        this.editors.forget(room.boardId);
      },
      onConnectionJoined: (room, connection) => {
        if (connection.role !== "viewer") this.editors.saw(room.boardId, socketParticipant(connection.identity));
      },
    };
  }

  /** Starts the snapshot timer (none when the interval is 0). */
  start(): void {
    if (this.deps.settings.intervalMs === 0 || this.timer) return;
    this.timer = setInterval(() => {
      for (const room of this.deps.loadedRooms()) {
        this.background(room.boardId, () => this.snapshotIfChanged(room));
      }
    }, this.deps.settings.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Facilitation ran a command: a reveal or an agenda step is a moment worth keeping. */
  onFacilitationChange(room: Room, before: FacilitationState, after: FacilitationState): void {
    for (const moment of momentsBetween(before, after)) {
      this.background(room.boardId, () => this.capture(room, moment.trigger, moment.label));
    }
  }

  async list(access: BoardAccess): Promise<HistoryMeta[]> {
    requirePermission(access, "history.read");
    return this.deps.storage.listHistory(access.board.id);
  }

  /** What a JSON backup lists of the board's history: when, what, why (no content). */
  async labels(boardId: string): Promise<{ createdAt: string; label: string; trigger: HistoryTrigger }[]> {
    const entries = await this.deps.storage.listHistory(boardId);
    return entries.map(({ createdAt, label, trigger }) => ({ createdAt, label, trigger }));
  }

  /** A snapshot's visible content and how the live board differs from it. */
  async detail(access: BoardAccess, entryId: string): Promise<SnapshotDetail> {
    requirePermission(access, "history.read");
    const stored = await this.deps.storage.getHistory(access.board.id, entryId);
    if (!stored) throw notFound("history entry");
    const content = decodeContent(stored.data);
    const room = await this.deps.acquireRoom(access.board.id);
    const elements = visibleElements(content);
    const fileIds = new Set(elements.map((element) => element["fileId"]).filter((id): id is string => typeof id === "string"));
    const files = Object.fromEntries(Object.entries(content.files).filter(([id]) => fileIds.has(id)));
    return { entry: stored.meta, elements, files, diff: diffElements(snapshotBoard(room.doc).elements, content.elements) };
  }

  /** The facilitator's named checkpoint of the board as it is now. */
  async checkpoint(access: BoardAccess, label: string): Promise<HistoryMeta> {
    requirePermission(access, "history.checkpoint");
    const room = await this.deps.acquireRoom(access.board.id);
    return this.capture(room, "checkpoint", label);
  }

  /**
   * Restores a snapshot in place: first a snapshot of the board as it is ("Before restore of …"),
   * so nothing done since is lost, then the live document is made equal to the snapshot as one
   * server change through the durable pipeline (on disk, then broadcast to every instance).
   */
  async restore(access: BoardAccess, entryId: string): Promise<{ restored: HistoryMeta; saved: HistoryMeta }> {
    requirePermission(access, "history.restore");
    const boardId = access.board.id;
    const stored = await this.deps.storage.getHistory(boardId, entryId);
    if (!stored) throw notFound("history entry");
    const target = decodeContent(stored.data);
    const room = await this.deps.acquireRoom(boardId);
    return this.lock.run(boardId, async () => {
      const saved = await this.store(room, "before-restore", `Before restore of “${stored.meta.label}”`);
      await room.applyServerChange((doc) => {
        restoreContent(doc, target, { now: this.deps.now(), nonce: () => randomInt(2 ** 31 - 1) });
      });
      // The restore itself is a change the next timed snapshot need not repeat.
      const watched = this.watched.get(boardId);
      if (watched) watched.changed = false;
      this.deps.logger.info({ boardId, entryId, label: stored.meta.label }, "board restored from history");
      return { restored: stored.meta, saved };
    });
  }

  /** Takes a snapshot of the board now, then prunes to the retention bound. */
  capture(room: Room, trigger: HistoryTrigger, label: string): Promise<HistoryMeta> {
    return this.lock.run(room.boardId, () => this.store(room, trigger, label));
  }

  /**
   * The timer's snapshot, when the document changed since this instance's last one and differs
   * from the newest stored snapshot (another instance, or this one before a restart, may already
   * hold this very state).
   */
  async snapshotIfChanged(room: Room): Promise<HistoryMeta | null> {
    const watched = this.watched.get(room.boardId);
    if (!watched?.changed) return null;
    return this.lock.run(room.boardId, async () => {
      watched.changed = false;
      const content = contentOf(room.doc);
      const [newest] = await this.deps.storage.listHistory(room.boardId);
      const previous = newest ? await this.deps.storage.getHistory(room.boardId, newest.id) : null;
      if (previous && sameContent(decodeContent(previous.data), content)) return null;
      return this.store(room, "interval", "Autosave", content);
    });
  }

  private async store(room: Room, trigger: HistoryTrigger, label: string, content = contentOf(room.doc)): Promise<HistoryMeta> {
    const boardId = room.boardId;
    // Before the first await: an edit arriving while this is written is a change for the next one.
    const watched = this.watched.get(boardId);
    if (watched) watched.changed = false;
    const editors = await this.editorNames(room);
    const meta = await this.deps.storage.putHistory(
      {
        id: randomBytes(12).toString("base64url"),
        boardId,
        createdAt: new Date(this.deps.now()).toISOString(),
        label,
        trigger,
        editors,
        elementCount: visibleElements(content).length,
      },
      encodeContent(content),
    );
    await this.deps.storage.pruneHistory(boardId, this.deps.settings.retention);
    return meta;
  }

  /** Names of who joined with an editing link since the last snapshot, or is connected with one now. */
  private async editorNames(room: Room): Promise<string[]> {
    const present = [...room.connections].filter((c) => c.role !== "viewer").map((c) => socketParticipant(c.identity));
    const ids = this.editors.take(room.boardId, present);
    const { participants } = await this.deps.facilitationState(room.boardId);
    const names = ids.map((id) => participants[id]?.name).filter((name): name is string => name !== undefined);
    return [...new Set(names)].sort((a, b) => a.localeCompare(b));
  }

  private watch(room: Room): void {
    // observeUpdates, not room.doc: reading the doc would apply a cold room's snapshot
    // before its joiners have it (SS9a).
    const watched: Watched = { changed: false, stop: () => stop() };
    const stop = room.observeUpdates(() => {
      watched.changed = true;
    });
    this.watched.set(room.boardId, watched);
  }

  private background(boardId: string, task: () => Promise<unknown>): void {
    task().catch((error: unknown) => this.deps.logger.error({ boardId, err: error }, "history snapshot failed"));
  }
}

/** The board's content without deleted elements' tombstones (a restore deletes what a snapshot lacks). */
function contentOf(doc: Y.Doc): BoardSnapshot {
  const content = snapshotBoard(doc);
  content.elements = Object.fromEntries(Object.entries(content.elements).filter(([, element]) => element["isDeleted"] !== true));
  return content;
}

/** Same board for a person: elements equal but for Excalidraw's bookkeeping, every other root equal. */
function sameContent(a: BoardSnapshot, b: BoardSnapshot): boolean {
  const diff = diffElements(a.elements, b.elements);
  const elementsSame = diff.added + diff.moved + diff.removed + diff.changed === 0;
  return elementsSame && sameJson(a.files, b.files) && sameJson(a.templates, b.templates) && sameJson(a.notes, b.notes) && sameJson(a.records, b.records);
}
