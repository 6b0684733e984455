import * as Y from "yjs";
import type { JsonObject } from "@quadrant/board-model";
import { localWins, sameVersion, type VersionedElement } from "./conflict";

/**
 * What the binding needs from a canvas. The Excalidraw adapter implements it
 * with the real API; the unit tests implement it with an array.
 */
export interface ScenePort<E extends VersionedElement> {
  /** Every element including deleted ones. Objects may be live (mutated in place later). */
  getElements(): readonly E[];
  /** One element by id, including deleted ones, without scanning the scene (same liveness as `getElements`). */
  getElement(id: string): E | undefined;
  /** Merge remote elements in (reconcile rule), outside the local undo history. */
  applyRemote(remote: readonly E[]): void;
  /** True while the local user manipulates this element (drag, resize, text edit). */
  isBusy(id: string): boolean;
}

/** Timer injection so tests and the throttle stay exact (house rule 7). */
export interface Scheduler {
  now(): number;
  setTimeout(fn: () => void, ms: number): () => void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

/**
 * Facilitation's private brainstorm (apps/web/src/facilitation/privateNotes.ts):
 * asked about every element the binding would write that is NOT yet in the
 * document; returning true means "handled elsewhere, keep it out of Y".
 */
export interface ElementDivert {
  divert(element: JsonObject): boolean;
}

export interface ElementBindingOptions<E extends VersionedElement> {
  map: Y.Map<JsonObject>;
  scene: ScenePort<E>;
  /** Viewers never write: the server would drop it anyway, and echoing would diverge locally. */
  canWrite: boolean;
  /** Minimum interval between two outgoing writes: 33 ms ≈ 30 updates/s. */
  throttleMs?: number;
  /** How long to wait before retrying remote changes held back by a busy element. */
  busyRetryMs?: number;
  scheduler?: Scheduler;
  divert?: ElementDivert;
}

type Stamp = { version: number; versionNonce: number };

/**
 * Excalidraw ⇄ Yjs binding: one Y.Map entry per element id, plain JSON cloned
 * on the way in and out (Excalidraw mutates its objects in place, so a stored
 * reference would always look "unchanged"). Changes are found by id + version,
 * never by re-sending the scene.
 */
export class ElementBinding<E extends VersionedElement> {
  private readonly map: Y.Map<JsonObject>;
  private readonly scene: ScenePort<E>;
  private readonly canWrite: boolean;
  private readonly throttleMs: number;
  private readonly busyRetryMs: number;
  private readonly scheduler: Scheduler;
  private readonly divert: ElementDivert | null;
  /** Transaction origin that marks our own writes so we never echo them back. */
  private readonly origin = Symbol("element-binding");
  /** id → the version known to be equal in the scene and in Y. */
  private readonly known = new Map<string, Stamp>();
  /** Remote ids still to apply (held back while the local user is busy with them). */
  private readonly pending = new Set<string>();
  private lastFlush = Number.NEGATIVE_INFINITY;
  private cancelFlush: (() => void) | null = null;
  private cancelRetry: (() => void) | null = null;
  private started = false;
  private readonly observer = (event: Y.YMapEvent<JsonObject>, txn: Y.Transaction): void => {
    if (txn.origin === this.origin) return;
    for (const key of event.keysChanged) this.pending.add(key);
    this.applyPending();
  };

  constructor(options: ElementBindingOptions<E>) {
    this.map = options.map;
    this.scene = options.scene;
    this.canWrite = options.canWrite;
    this.throttleMs = options.throttleMs ?? 33;
    this.busyRetryMs = options.busyRetryMs ?? 120;
    this.scheduler = options.scheduler ?? realScheduler;
    this.divert = options.divert ?? null;
  }

  /** Apply what Y already holds, push what only the scene holds, then follow both. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.map.observe(this.observer);
    this.resync();
    this.flush();
  }

  /**
   * Re-apply every Y entry the scene does not show at the same version.
   * Idempotent; used after start-up because Excalidraw may reset a scene that was
   * set before its own initialisation finished (the "late joiner blank canvas").
   */
  resync(): void {
    for (const key of this.map.keys()) this.pending.add(key);
    this.applyPending();
  }

  /** Call on every Excalidraw onChange; writes at most once per throttle interval, trailing write guaranteed. */
  onLocalChange(): void {
    if (!this.started || !this.canWrite || this.cancelFlush) return;
    const wait = this.lastFlush + this.throttleMs - this.scheduler.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.cancelFlush = this.scheduler.setTimeout(() => {
      this.cancelFlush = null;
      this.flush();
    }, wait);
  }

  /** Write every locally changed element to Y now. */
  flush(): void {
    if (this.cancelFlush) {
      this.cancelFlush();
      this.cancelFlush = null;
    }
    if (!this.started || !this.canWrite) return;
    this.lastFlush = this.scheduler.now();
    const toWrite: E[] = [];
    for (const element of this.scene.getElements()) {
      const stamp = this.known.get(element.id);
      if (stamp && sameVersion(stamp, element)) continue;
      const stored = this.readY(element.id);
      if (stored && !localWins(element, stored)) {
        if (sameVersion(stored, element)) this.known.set(element.id, stampOf(element));
        // Y holds a winner the scene has not taken yet (e.g. it arrived during a drag).
        else this.pending.add(element.id);
        continue;
      }
      toWrite.push(element);
    }
    this.write(toWrite);
    if (this.pending.size > 0) this.applyPending();
  }

  destroy(): void {
    this.map.unobserve(this.observer);
    this.cancelFlush?.();
    this.cancelRetry?.();
    this.cancelFlush = null;
    this.cancelRetry = null;
    this.started = false;
  }

  private applyPending(): void {
    if (!this.started || this.pending.size === 0) return;
    // By id through the scene's own index: a remote edit costs what it touches, not the board's size.
    const incoming: E[] = [];
    const writeBack: E[] = [];
    let held = false;
    for (const id of [...this.pending]) {
      const stored = this.readY(id);
      if (!stored) {
        this.pending.delete(id);
        continue;
      }
      const mine = this.scene.getElement(id);
      if (mine && sameVersion(mine, stored)) {
        this.known.set(id, stampOf(stored));
        this.pending.delete(id);
        continue;
      }
      if (mine && localWins(mine, stored)) {
        // Our copy beats what Y now holds (a concurrent write landed on top of
        // ours): write it back so every replica ends on the same winner.
        writeBack.push(mine);
        this.pending.delete(id);
        continue;
      }
      if (this.scene.isBusy(id)) {
        held = true;
        continue;
      }
      incoming.push(stored);
      this.pending.delete(id);
    }
    if (incoming.length > 0) this.applyIncoming(incoming);
    if (this.canWrite) this.write(writeBack);
    if (held) this.scheduleRetry();
  }

  /**
   * Stamps are taken before the scene sees the elements. Excalidraw's `reconcileElements`
   * ends with `syncInvalidIndices`, which gives an element without a valid fractional index
   * (e.g. `index: null` from `insert`) one through `mutateElement`: in place, on the very
   * object handed over, with version + 1 and a nonce of this replica's own. A stamp read
   * afterwards recorded that private version as "what Y holds", so it was never written
   * back: each canvas kept its own version + 1 while Y stayed behind, and the next
   * document-side patch (version + 1, e.g. a theme rename from the panel) tied with every
   * canvas's copy and lost to any lower nonce.
   */
  private applyIncoming(incoming: readonly E[]): void {
    const applied = incoming.map((element) => ({ id: element.id, stamp: stampOf(element) }));
    this.scene.applyRemote(incoming);
    for (const { id, stamp } of applied) this.known.set(id, stamp);
    // The scene changed what it was given (re-indexed it, or kept a busy local copy):
    // write its copy back like any local edit, so every replica and Y agree again.
    const diverged = applied.some(({ id, stamp }) => {
      const shown = this.scene.getElement(id);
      return shown !== undefined && !sameVersion(shown, stamp);
    });
    if (diverged) this.onLocalChange();
  }

  private scheduleRetry(): void {
    if (this.cancelRetry) return;
    this.cancelRetry = this.scheduler.setTimeout(() => {
      this.cancelRetry = null;
      this.applyPending();
    }, this.busyRetryMs);
  }

  private write(elements: readonly E[]): void {
    if (elements.length === 0) return;
    this.map.doc?.transact(() => {
      for (const element of elements) {
        const copy = structuredClone(element) as unknown as JsonObject;
        if (this.divert && !this.map.has(element.id) && this.divert.divert(copy)) {
          this.known.set(element.id, stampOf(element));
          continue;
        }
        this.map.set(element.id, copy);
        this.known.set(element.id, stampOf(element));
      }
    }, this.origin);
  }

  /** A fresh clone of the Y entry, never the stored object itself. */
  private readY(id: string): E | undefined {
    const value = this.map.get(id);
    if (!value || !isVersioned(value)) return undefined;
    return structuredClone(value) as unknown as E;
  }
}

function stampOf(element: Stamp): Stamp {
  return { version: element.version, versionNonce: element.versionNonce };
}

/** Y content is untrusted (any editor can write anything): check the fields we rely on. */
function isVersioned(value: JsonObject): boolean {
  return (
    typeof value.id === "string" &&
    typeof value.version === "number" &&
    typeof value.versionNonce === "number" &&
    typeof value.isDeleted === "boolean" &&
    (value.index === null || value.index === undefined || typeof value.index === "string")
  );
}
