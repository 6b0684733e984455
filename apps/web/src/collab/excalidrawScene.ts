import {
  CaptureUpdateAction,
  reconcileElements,
  UserIdleState,
} from "@excalidraw/excalidraw";
import type { OrderedExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import type { RemoteExcalidrawElement } from "@excalidraw/excalidraw/data/reconcile";
import type {
  AppState,
  BinaryFileData,
  Collaborator,
  ExcalidrawImperativeAPI,
  SocketId,
} from "@excalidraw/excalidraw/types";
import { collaboratorIdFor } from "./cursorColor";
import type { ScenePort } from "./elementBinding";
import { MAX_FILE_BYTES, type FilePort, type StoredFile } from "./fileSync";
import type { Peer } from "./presence";
import { localWins } from "./conflict";
import { replaceInOrder } from "./replaceInOrder";

/** A cursor not moved for this long is drawn idle (faded) by Excalidraw. */
export const IDLE_AFTER_MS = 30_000;

export interface Viewport {
  cx: number;
  cy: number;
  zoom: number;
}

/**
 * The one module that talks to Excalidraw's imperative API. The binding, the
 * presence code and the side panels use this, not `ExcalidrawImperativeAPI`.
 */
export class ExcalidrawScene implements ScenePort<OrderedExcalidrawElement>, FilePort {
  /**
   * Elements by id for one scene array. Excalidraw replaces its array whenever the set or
   * order of elements changes and mutates elements in place otherwise, so a map built for an
   * array stays right for as long as that array is the scene's (the 0.18 API has no such map).
   */
  private index: { elements: readonly OrderedExcalidrawElement[]; byId: Map<string, OrderedExcalidrawElement> } | null = null;

  /** The collaborators last handed to Excalidraw, as JSON (see showPeers). */
  private shownPeers = "";

  constructor(readonly api: ExcalidrawImperativeAPI) {}

  getElements(): readonly OrderedExcalidrawElement[] {
    return this.api.getSceneElementsIncludingDeleted();
  }

  getElement(id: string): OrderedExcalidrawElement | undefined {
    return this.byId(this.api.getSceneElementsIncludingDeleted()).get(id);
  }

  /**
   * Remote elements are untrusted until reconciled (Excalidraw's own branded type says so).
   * A remote edit of a few elements that keep their place in the z-order replaces them in a
   * copy of the array (`replaceInOrder`, same outcome as the reconcile) instead of
   * reconciling and re-sorting all 2,000; anything else goes through `reconcileElements`.
   */
  applyRemote(remote: readonly OrderedExcalidrawElement[]): void {
    const current = this.api.getSceneElementsIncludingDeleted();
    const appState = this.api.getAppState();
    const byId = this.byId(current);
    const inPlace = replaceInOrder(current, (id) => byId.get(id), remote, (local, incoming) => discardsRemote(appState, local, incoming));
    if (inPlace === current) return; // every remote element lost to its local copy: nothing to show
    const merged = inPlace ?? reconcileElements(current, remote as readonly RemoteExcalidrawElement[], appState);
    // NEVER: remote changes stay out of the local undo stack.
    this.api.updateScene({ elements: merged, captureUpdate: CaptureUpdateAction.NEVER });
    if (inPlace && this.api.getSceneElementsIncludingDeleted() === inPlace) {
      // The scene took our array as it was: move the index over instead of rebuilding it.
      for (const element of remote) if (inPlace.includes(element)) byId.set(element.id, element);
      this.index = { elements: inPlace, byId };
    }
  }

  private byId(elements: readonly OrderedExcalidrawElement[]): Map<string, OrderedExcalidrawElement> {
    if (this.index?.elements !== elements) this.index = { elements, byId: new Map(elements.map((e) => [e.id, e])) };
    return this.index.byId;
  }

  /** The local user is dragging, resizing, drawing or typing into this element. */
  isBusy(id: string): boolean {
    const state = this.api.getAppState();
    if (state.editingTextElement?.id === id || state.resizingElement?.id === id || state.newElement?.id === id) {
      return true;
    }
    return state.cursorButton === "down" && state.selectedElementIds[id] === true;
  }

  getFiles() {
    return this.api.getFiles();
  }

  addFiles(files: readonly StoredFile[]): void {
    this.api.addFiles(
      files.map((f): BinaryFileData => ({
        id: f.id as BinaryFileData["id"],
        mimeType: f.mimeType as BinaryFileData["mimeType"],
        dataURL: f.dataURL as BinaryFileData["dataURL"],
        created: f.created,
      })),
    );
  }

  /** Too-large image: tell the user and remove the image element locally before it syncs. */
  rejectTooLarge(id: string, bytes: number): void {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
    this.toast(
      `This image is too large to share (${mb(bytes)} MB; the limit is ${mb(MAX_FILE_BYTES)} MB), so it was not added. ` +
        "Shrink or compress it and add it again.",
    );
    const elements = this.api.getSceneElementsIncludingDeleted().map((el) =>
      el.type === "image" && el.fileId === id && !el.isDeleted
        ? { ...el, isDeleted: true, version: el.version + 1, versionNonce: Math.floor(Math.random() * 2 ** 31) }
        : el,
    );
    this.api.updateScene({ elements, captureUpdate: CaptureUpdateAction.NEVER });
  }

  toast(message: string): void {
    this.api.setToast({ message, closable: true, duration: 6000 });
  }

  viewport(): Viewport {
    const s = this.api.getAppState();
    const zoom = s.zoom.value;
    return { cx: s.width / (2 * zoom) - s.scrollX, cy: s.height / (2 * zoom) - s.scrollY, zoom };
  }

  /** Centre our view on someone else's viewport centre, at their zoom. */
  showViewport(v: Viewport): void {
    const s = this.api.getAppState();
    this.api.updateScene({
      appState: {
        scrollX: s.width / (2 * v.zoom) - v.cx,
        scrollY: s.height / (2 * v.zoom) - v.cy,
        zoom: { value: v.zoom as typeof s.zoom.value },
      },
      captureUpdate: CaptureUpdateAction.NEVER,
    });
  }

  showPeers(peers: readonly Peer[], now: number): void {
    const collaborators = new Map<SocketId, Collaborator>();
    for (const { clientId, state } of peers) {
      const socketId = String(clientId) as SocketId;
      collaborators.set(socketId, {
        id: collaboratorIdFor(clientId, state.user.color),
        socketId,
        username: state.user.name,
        color: { background: state.user.color, stroke: state.user.color },
        ...(state.pointer ? { pointer: { ...state.pointer, tool: "pointer" as const } } : {}),
        button: state.button ?? "up",
        selectedElementIds: Object.fromEntries((state.selectedElementIds ?? []).map((id) => [id, true as const])),
        userState: now - state.activeAt > IDLE_AFTER_MS ? UserIdleState.IDLE : UserIdleState.ACTIVE,
      });
    }
    // Called on every presence change and every few seconds (to fade idle cursors): an update
    // re-renders all of Excalidraw, a stall a remote edit could meet, so only what changed is sent.
    const shown = JSON.stringify([...collaborators]);
    if (shown === this.shownPeers && this.api.getAppState().collaborators.size === collaborators.size) return;
    this.shownPeers = shown;
    this.api.updateScene({ collaborators, captureUpdate: CaptureUpdateAction.NEVER });
  }
}

/** Excalidraw's `shouldDiscardRemoteElement` (data/reconcile.ts, 0.18.1): the copy being edited here, or the winner by version. */
function discardsRemote(appState: AppState, local: OrderedExcalidrawElement, remote: OrderedExcalidrawElement): boolean {
  const id = local.id;
  if (id === appState.editingTextElement?.id || id === appState.resizingElement?.id || id === appState.newElement?.id) return true;
  return localWins(local, remote);
}
