import { z } from "zod";
import { BoardCreated, BoardInfo, ErrorBody, type CreateBoardBody } from "@quadrant/protocol";

export type ApiResult<T> =
  | { kind: "ok"; value: T }
  | { kind: "error"; status: number; code: string; message: string }
  | { kind: "network"; message: string };

async function request<T>(schema: z.ZodType<T>, url: string, init: RequestInit): Promise<ApiResult<T>> {
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

export function createBoard(body: CreateBoardBody): Promise<ApiResult<BoardCreated>> {
  return request(BoardCreated, "/api/boards", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

export function getBoard(id: string, token: string): Promise<ApiResult<BoardInfo>> {
  return request(BoardInfo, `/api/boards/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}
