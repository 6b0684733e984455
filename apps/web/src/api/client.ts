import { z } from "zod";
import {
  BoardCreated,
  BoardInfo,
  CREATE_KEY_HEADER,
  ErrorBody,
  RotatedLinks,
  ServerInfo,
  type CreateBoardBody,
  type RotatableRole,
} from "@quadrant/protocol";

export type ApiResult<T> =
  | { kind: "ok"; value: T }
  | { kind: "error"; status: number; code: string; message: string }
  | { kind: "network"; message: string };

export async function request<T>(schema: z.ZodType<T>, url: string, init: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    return { kind: "network", message: error instanceof Error ? error.message : String(error) };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(body);
    return parsed.success
      ? { kind: "error", status: response.status, ...parsed.data.error }
      : { kind: "error", status: response.status, code: "http_error", message: response.statusText };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { kind: "error", status: response.status, code: "bad_response", message: "The server sent an unexpected response." };
  return { kind: "ok", value: parsed.data };
}

/** `createKey`: the operator's BOARD_CREATE_KEY, when GET /api/config says one is required. */
export function createBoard(body: CreateBoardBody, createKey?: string): Promise<ApiResult<BoardCreated>> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (createKey) headers[CREATE_KEY_HEADER] = createKey;
  return request(BoardCreated, "/api/boards", { method: "POST", headers, body: JSON.stringify(body) });
}

export function getServerInfo(): Promise<ApiResult<ServerInfo>> {
  return request(ServerInfo, "/api/config", {});
}

/** Facilitator only: new links for these roles; sockets on the old ones close at once. */
export function rotateLinks(id: string, facilitatorToken: string, roles: RotatableRole[]): Promise<ApiResult<RotatedLinks>> {
  return request(RotatedLinks, `/api/boards/${encodeURIComponent(id)}/rotate-links`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${facilitatorToken}` },
    body: JSON.stringify({ roles }),
  });
}

export function getBoard(id: string, token: string): Promise<ApiResult<BoardInfo>> {
  return request(BoardInfo, `/api/boards/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}
