import type { WebsocketProvider } from "y-websocket";
import { CONTROL_PARAM, MessageType, SaveStatus, encodeControlFrame, readControlText } from "@quadrant/protocol";
import {
  type ClientControlMessage,
  type Command,
  type FacilitationView,
  ServerControlMessage,
  type Viewport,
} from "@quadrant/facilitation";

export type Refusal = Extract<ServerControlMessage, { type: "refused" }>;
/** The server could not store this board's latest changes yet (it holds them and retries). */
export type UnsavedChanges = Omit<Extract<SaveStatus, { saved: false }>, "type" | "saved">;

/**
 * A display name as `presence.hello` accepts it (1–80 characters, no control characters), or
 * null when nothing is left: the server would refuse it and the person stays off the roster.
 */
export function helloName(name: string): string | null {
  let clean = "";
  for (const char of name.replace(/\p{Cc}+/gu, " ").trim()) {
    // 80 UTF-16 units, as the server counts, without splitting a character.
    if (clean.length + char.length > 80) break;
    clean += char;
  }
  clean = clean.trim();
  return clean === "" ? null : clean;
}

/** Query parameters that opt this websocket into the control channel. */
export function controlParams(participant: string): Record<string, string> {
  return { [CONTROL_PARAM]: "1", participant };
}

/**
 * The facilitation channel on the board's own websocket: installs a handler
 * for message type 100 in the y-websocket provider, keeps the latest
 * personalised view and the offset between the server's clock and ours.
 */
export class ControlChannel {
  private current: FacilitationView | null = null;
  /** serverNow − our clock at receipt: timer arithmetic uses server time. */
  private offsetMs = 0;
  private nextId = 1;
  private readonly viewListeners = new Set<(view: FacilitationView) => void>();
  private readonly summonListeners = new Set<(viewport: Viewport) => void>();
  private readonly refusalListeners = new Set<(refusal: Refusal) => void>();
  private unsaved: UnsavedChanges | null = null;
  /** The name to say hello with; null until the page knows it. */
  private name: string | null = null;
  /** The name the server has from this connection (null: none yet; every reconnect says it again). */
  private greetedAs: string | null = null;
  /** A view arrived on this connection: the server has the board's state and takes commands. */
  private live = false;
  private readonly saveListeners = new Set<(unsaved: UnsavedChanges | null) => void>();

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly clock: () => number = () => Date.now(),
  ) {
    provider.messageHandlers[MessageType.Control] = (_encoder, decoder) => {
      this.receive(readControlText(decoder));
    };
    provider.on("status", this.onStatus);
  }

  /**
   * Off the socket we know nothing about the server's writes; the connection
   * status says so. A server still failing repeats the news to every joiner.
   */
  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status !== "connected") {
      this.setUnsaved(null);
      this.live = false;
      this.greetedAs = null;
    }
  };

  /**
   * "Who took part": tells the server this person's name once the channel is open (on the first
   * view of every connection) and again whenever it changes. The role is the link's, set by the server.
   */
  introduce(name: string): void {
    this.name = helloName(name);
    this.greet();
  }

  private greet(): void {
    if (!this.live || this.name === null || this.name === this.greetedAs) return;
    if (this.send({ type: "presence.hello", name: this.name })) this.greetedAs = this.name;
  }

  /** Non-null while the server reports that it could not save this board yet. */
  get unsavedChanges(): UnsavedChanges | null {
    return this.unsaved;
  }

  get view(): FacilitationView | null {
    return this.current;
  }

  /** The server's clock now, estimated from the last view. */
  serverNow(): number {
    return this.clock() + this.offsetMs;
  }

  /** Sends a command; false when the socket is not open (the UI shows the connection state). */
  send(command: Command): boolean {
    const ws = this.provider.ws;
    if (!ws || !this.provider.wsconnected || ws.readyState !== 1) return false;
    const message: ClientControlMessage = { id: this.nextId++, command };
    ws.send(encodeControlFrame(JSON.stringify(message)));
    return true;
  }

  onView(listener: (view: FacilitationView) => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }
  onSummon(listener: (viewport: Viewport) => void): () => void {
    this.summonListeners.add(listener);
    return () => this.summonListeners.delete(listener);
  }
  onRefusal(listener: (refusal: Refusal) => void): () => void {
    this.refusalListeners.add(listener);
    return () => this.refusalListeners.delete(listener);
  }
  onSaveStatus(listener: (unsaved: UnsavedChanges | null) => void): () => void {
    this.saveListeners.add(listener);
    return () => this.saveListeners.delete(listener);
  }

  private setUnsaved(unsaved: UnsavedChanges | null): void {
    if (unsaved === null && this.unsaved === null) return;
    this.unsaved = unsaved;
    for (const listener of this.saveListeners) listener(unsaved);
  }

  /** Server → us. Anything that does not parse is ignored (a newer server, a bug): never crash the board. */
  receive(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    // Save status comes from the sync core (packages/protocol), not from facilitation.
    const save = SaveStatus.safeParse(json);
    if (save.success) {
      this.setUnsaved(save.data.saved ? null : { since: save.data.since, retrying: save.data.retrying });
      return;
    }
    const parsed = ServerControlMessage.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case "view":
        this.offsetMs = message.view.serverNow - this.clock();
        this.current = message.view;
        this.live = true;
        this.greet();
        for (const listener of this.viewListeners) listener(message.view);
        return;
      case "summon":
        for (const listener of this.summonListeners) listener(message.viewport);
        return;
      case "refused":
        for (const listener of this.refusalListeners) listener(message);
        return;
    }
  }

  destroy(): void {
    delete this.provider.messageHandlers[MessageType.Control];
    this.provider.off("status", this.onStatus);
    this.saveListeners.clear();
    this.viewListeners.clear();
    this.summonListeners.clear();
    this.refusalListeners.clear();
  }
}
