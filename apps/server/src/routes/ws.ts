import { randomUUID } from "node:crypto";
import { ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import { z } from "zod";
import { CloseCode, CONTROL_PARAM } from "@quadrant/protocol";
import type { Limits } from "../config";
import type { ServerMetrics } from "../observability/metrics";
import { Connection, type SyncSocket } from "../sync/connection";
import { ConnectionLimits } from "../sync/connection-limits";
import type { RoomRegistry } from "../sync/room-registry";
import type { BoardAccess } from "../services/board-access";
import type { BoardService } from "../services/board-service";
import { HttpError } from "./http-error";
import { UpgradeGuard } from "./upgrade-guard";
import { encodeBinaryFrame } from "./ws-frame";

export interface WsRouteOptions {
  boards: BoardService;
  registry: RoomRegistry;
  maxSendQueueBytes: number;
  maxFrameBytes: number;
  limits: Limits;
  allowedOrigins: readonly string[] | undefined;
  metrics?: ServerMetrics;
}

/** Close codes that mean "this connection sent a frame we refuse" (counted by reason). */
const REJECTING_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.MalformedMessage,
  CloseCode.MessageTooBig,
  CloseCode.RateLimited,
  CloseCode.SlowConsumer,
]);

const WsQuery = z.object({
  token: z.string().optional(),
  // Lenient: a bad optional parameter must not hide the token (it would turn into a 401).
  participant: z.string().optional().catch(undefined).transform((p) => p?.slice(0, 128)),
  [CONTROL_PARAM]: z.string().optional().catch(undefined),
});

/**
 * `GET /ws/:boardId?token=…`: the stock y-websocket protocol. Authorization runs
 * in preValidation, before the upgrade, so a refused client gets a plain HTTP
 * 404/401 and no socket ever opens (stock clients would otherwise reconnect forever).
 */
export const wsRoute: FastifyPluginAsync<WsRouteOptions> = async (app, options) => {
  const { boards, registry, maxSendQueueBytes, maxFrameBytes, limits, metrics } = options;
  // Per-plugin, not module-level: the access decided before the upgrade, per request.
  const accessByRequest = new WeakMap<FastifyRequest, BoardAccess>();
  const guard = new UpgradeGuard(limits, options.allowedOrigins);
  const shared: WsShared = { metrics, frames: new SharedFrames() };

  app.get<{ Params: { boardId: string } }>(
    "/ws/:boardId",
    {
      websocket: true,
      schema: { hide: true },
      preValidation: async (request, reply) => {
        try {
          guard.checkBeforeAuth(request);
          const query = WsQuery.safeParse(request.query);
          const token = query.success ? query.data.token : undefined;
          const access = await boards.authorize(request.params.boardId, token);
          guard.checkCapacity(request.ip, access.board.id);
          accessByRequest.set(request, access);
        } catch (error) {
          if (error instanceof HttpError && error.statusCode === 429) {
            reply.header("retry-after", "60");
            metrics?.rejectedFrame(`upgrade: ${error.code}`);
          }
          throw error;
        }
      },
    },
    (socket, request) => {
      const access = accessByRequest.get(request);
      if (!access) {
        socket.close(CloseCode.Unauthorized, "unauthorized");
        return;
      }
      const query = WsQuery.safeParse(request.query);
      const release = guard.opened(request.ip, access.board.id);
      releaseUpgradeRequest(socket, request);
      // Long-lived closures keep the app's logger, not the request's child (memory per connection).
      const log = app.log;
      const connection = new Connection(
        {
          id: randomUUID(),
          boardId: access.board.id,
          role: access.role,
          participant: query.success ? query.data.participant : undefined,
          wantsControl: query.success && query.data[CONTROL_PARAM] === "1",
        },
        new WsSyncSocket(socket, shared),
        maxSendQueueBytes,
        new ConnectionLimits(limits, maxFrameBytes),
      );
      socket.on("message", (data, isBinary) => {
        metrics?.messageIn(data instanceof Uint8Array ? data.byteLength : 0);
        if (!isBinary || !(data instanceof Uint8Array)) {
          connection.close(CloseCode.MalformedMessage, "binary frames only");
          return;
        }
        connection.receive(data);
      });
      socket.on("pong", () => connection.pong());
      socket.on("close", () => {
        release();
        connection.handleSocketClosed();
      });
      socket.on("error", (error) => {
        // ws refuses frames over maxPayload itself (closing with 1009) and reports it here.
        if ("code" in error && error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") metrics?.rejectedFrame("frame too big");
        log.debug({ err: error, boardId: connection.identity.boardId }, "websocket error");
      });
      registry.join(connection).catch((error: unknown) => {
        log.error({ err: error, boardId: connection.identity.boardId }, "could not join room");
        connection.close(CloseCode.InternalError, "could not load board");
      });
    },
  );
};

/** `WebSocket.OPEN`: the socket may send data frames (not yet closing). */
const OPEN = 1;
/**
 * Frames up to this size go to the TCP socket pre-framed (below); larger ones (a join's
 * sync step 2 of a big board) through ws, so the shared frame never holds much memory.
 */
const MAX_SHARED_FRAME_BYTES = 64 * 1024;

/**
 * A room sends one frame to every connection, passing the same array to each socket:
 * it is framed for the wire once, on its first send, and each socket writes that buffer.
 * Keyed by the payload object, not "the last one": a tick sends each connection its
 * document update and then its neighbourhood's cursors (SS4), so sends alternate between
 * several shared payloads; an entry goes when its payload is collected.
 */
class SharedFrames {
  private readonly wires = new WeakMap<Uint8Array, Buffer>();

  wireOf(payload: Uint8Array): Buffer {
    let wire = this.wires.get(payload);
    if (!wire) {
      wire = encodeBinaryFrame(payload);
      this.wires.set(payload, wire);
    }
    return wire;
  }
}

/** What every socket of the route shares (one field per connection). */
interface WsShared {
  readonly metrics: ServerMetrics | undefined;
  readonly frames: SharedFrames;
}

/**
 * The `ws` socket as the sync layer sees it. A class, not an object of closures: its methods
 * live once on the prototype, so each connection holds a few fields instead of six closures
 * and their context (issue 17: memory per connection).
 */
class WsSyncSocket implements SyncSocket {
  /**
   * The TCP socket under `ws`, written directly with pre-framed data; null when an extension
   * (permessage-deflate) was negotiated, which must frame each message itself. Through
   * `ws.send` each send allocated and wrote a header and the payload separately (options,
   * header, a two-buffer writev): about 1 µs of a 9 µs send, 10,000 sends a second in a
   * room of 50 (issue 17). Order is kept: ws writes its own frames (pings, close) to the
   * same socket synchronously, and queues nothing without an extension.
   */
  private readonly tcp: Duplex | null;
  private readonly raw: Duplex | null;

  constructor(
    private readonly socket: WebSocket,
    private readonly shared: WsShared,
  ) {
    // The upgrade's TCP socket, which ws writes to: corked around a tick's frames (SyncSocket.cork).
    const raw = (socket as WebSocket & { _socket?: Duplex })._socket;
    this.raw = raw !== undefined && typeof raw.write === "function" ? raw : null;
    this.tcp = socket.extensions === "" ? this.raw : null;
  }

  send(data: Uint8Array): void {
    this.shared.metrics?.messageOut(data.byteLength);
    if (this.tcp !== null && data.byteLength <= MAX_SHARED_FRAME_BYTES && this.socket.readyState === OPEN) {
      this.tcp.write(this.shared.frames.wireOf(data));
    } else {
      this.socket.send(data);
    }
  }

  close(code: number, reason?: string): void {
    // Reasons are the server's own fixed strings, so the label set stays small.
    if (REJECTING_CLOSE_CODES.has(code)) this.shared.metrics?.rejectedFrame(reason ?? String(code));
    this.socket.close(code, reason);
  }

  terminate(): void {
    this.socket.terminate();
  }

  ping(): void {
    this.socket.ping();
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  cork(): void {
    this.raw?.cork();
  }

  uncork(): void {
    this.raw?.uncork();
  }

  rejected(reason: string): void {
    this.shared.metrics?.rejectedFrame(reason);
  }
}

/**
 * @fastify/websocket routes the upgrade through Fastify with a stand-in
 * ServerResponse assigned to the TCP socket, and adds an 'error' listener that
 * closes over the request and reply: together they keep Fastify's request,
 * reply, response, the request's logger and the upgrade's IncomingMessage alive
 * for the socket's whole life (about 3 KiB per connection, measured with a heap
 * snapshot). Once the handler has the socket, none of them is needed: detach the
 * stand-in response and replace the plugin's error listener by ours (added next).
 */
function releaseUpgradeRequest(socket: WebSocket, request: FastifyRequest): void {
  socket.removeAllListeners("error");
  // Node's own link from a socket to the response it serves (http's `_httpMessage`).
  const tcp = request.raw.socket as (typeof request.raw.socket & { _httpMessage?: ServerResponse | null }) | null;
  const standIn = tcp?._httpMessage;
  if (tcp && standIn instanceof ServerResponse) standIn.detachSocket(tcp);
}
