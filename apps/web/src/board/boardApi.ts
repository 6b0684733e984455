import type { ReactNode } from "react";
import type * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import type { BoardInfo, Role } from "@quadrant/protocol";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { Presence } from "../collab/presence";
import type { ConnectionStatus } from "../collab/connection";
import type { ControlChannel } from "../facilitation/controlChannel";
import type { BoardWriter } from "./boardWriter";

/**
 * What a board extension (template panels, facilitation tools) may use. The
 * document is the source of truth: write to its roots (`@quadrant/board-model`)
 * and the canvas follows through the binding.
 */
export interface BoardApi {
  readonly info: BoardInfo;
  readonly role: Role;
  readonly canEdit: boolean;
  /** The board's Y document (roots in `@quadrant/board-model`). */
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** The link token this page was opened with (for REST calls as this role). */
  readonly token: string;
  readonly presence: Presence;
  /** Wrapper of Excalidraw's API; null until the canvas has mounted. */
  readonly scene: ExcalidrawScene | null;
  readonly status: ConnectionStatus;
  /**
   * Facilitation (server-held): `control.view` is this person's view (timer, own votes,
   * `voteResults` of revealed votes, scoring results…); `control.onView(fn)` subscribes.
   */
  readonly control: ControlChannel;
  /** Adds notes and structure, applying the board's rules (private brainstorm). Never write new content to `doc` directly. */
  readonly write: BoardWriter;
}

/** A side panel on the board page (right-hand column), shown to the given roles. */
export interface SidePanel {
  readonly id: string;
  readonly title: string;
  /** Default: every role. */
  readonly roles?: readonly Role[];
  /** Default: every template. */
  readonly templates?: readonly BoardInfo["template"][];
  render(api: BoardApi): ReactNode;
}
