import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { waitFor } from "./wait-for";

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the server's sync step 2 arrived. */
  synced(): Promise<void>;
  destroy(): void;
}

/**
 * An unmodified y-websocket client as a browser would use it. `disableBc` is
 * essential in one process: otherwise providers sync through BroadcastChannel
 * and a relay test passes with the relay broken.
 */
export function stockClient(
  wsUrl: string,
  boardId: string,
  token: string,
  { params = {}, doc = new Y.Doc(), connect = true }: { params?: Record<string, string>; doc?: Y.Doc; connect?: boolean } = {},
): StockClient {
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    params: { token, ...params },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect,
  });
  return {
    doc,
    provider,
    synced: () => waitFor(() => provider.synced, { message: "provider synced" }).then(() => undefined),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
