import { compareByIndex, localWins, type VersionedElement } from "./conflict";
import type { ScenePort } from "./elementBinding";
import { replaceInOrder } from "./replaceInOrder";

/** A plain-object element as Excalidraw would hold it (test double). */
export interface TestElement extends VersionedElement {
  x: number;
  y: number;
  version: number;
  versionNonce: number;
  isDeleted: boolean;
  index: string | null;
  text?: string;
}

/**
 * An in-memory stand-in for Excalidraw's scene: it mutates elements in place the
 * way Excalidraw does and reconciles remote elements with the same rule.
 */
export class TestScene implements ScenePort<TestElement> {
  elements: TestElement[] = [];
  readonly busy = new Set<string>();
  applyCount = 0;
  /** Applies that replaced elements in place (ExcalidrawScene's fast path) instead of reconciling all. */
  inPlaceCount = 0;
  private nonce: number;

  constructor(seed: number) {
    this.nonce = seed;
  }

  getElements(): readonly TestElement[] {
    return this.elements;
  }

  getElement(id: string): TestElement | undefined {
    return this.elements.find((e) => e.id === id);
  }

  /** As ExcalidrawScene: the in-place replacement when it applies, else the full reconcile. */
  applyRemote(remote: readonly TestElement[]): void {
    this.applyCount++;
    const inPlace = replaceInOrder(this.elements, (id) => this.getElement(id), remote, (mine, r) => this.busy.has(r.id) || localWins(mine, r));
    if (inPlace) {
      this.inPlaceCount++;
      this.elements = [...inPlace];
      return;
    }
    const byId = new Map(this.elements.map((e) => [e.id, e]));
    for (const r of remote) {
      const mine = byId.get(r.id);
      if (mine && (this.busy.has(r.id) || localWins(mine, r))) continue;
      byId.set(r.id, r);
    }
    this.elements = [...byId.values()].sort(compareByIndex);
    this.healIndices();
  }

  /**
   * Excalidraw's `reconcileElements` ends with `syncInvalidIndices`: an element without a
   * valid fractional index gets one through `mutateElement`, in place, on the very object it
   * was handed, with version + 1 and a new nonce of this replica's own. Same here (an index
   * derived from the id, so every replica picks the same one, below the `a…` keys).
   */
  private healIndices(): void {
    for (const element of this.elements) {
      if (element.index !== null) continue;
      element.index = `Z${element.id}`;
      element.version++;
      element.versionNonce = this.nextNonce();
    }
    this.elements.sort(compareByIndex);
  }

  isBusy(id: string): boolean {
    return this.busy.has(id);
  }

  add(id: string, index: string, x = 0): TestElement {
    const element: TestElement = {
      id,
      x,
      y: 0,
      version: 1,
      versionNonce: this.nextNonce(),
      isDeleted: false,
      index,
    };
    this.elements.push(element);
    this.elements.sort(compareByIndex);
    return element;
  }

  /** Mutates the live object in place, like Excalidraw's mutateElement. */
  mutate(id: string, patch: Partial<Omit<TestElement, "id" | "version" | "versionNonce">>): void {
    const element = this.get(id);
    Object.assign(element, patch);
    element.version++;
    element.versionNonce = this.nextNonce();
    this.elements.sort(compareByIndex);
  }

  get(id: string): TestElement {
    const element = this.elements.find((e) => e.id === id);
    if (!element) throw new Error(`no element ${id}`);
    return element;
  }

  visible(): string[] {
    return this.elements.filter((e) => !e.isDeleted).map((e) => e.id);
  }

  private nextNonce(): number {
    // deterministic, distinct per scene
    this.nonce = (this.nonce * 48271) % 2147483647;
    return this.nonce;
  }
}
