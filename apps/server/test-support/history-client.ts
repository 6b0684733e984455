import { ErrorBody, HistoryDetail, HistoryEntry, HistoryList, HistoryRestored } from "@quadrant/protocol";
import type { z } from "zod";

/** An answer of the history REST API: the status and the body checked against its schema. */
export type Answer<T> = { status: number; body: T | ErrorBody };

async function call<T>(schema: z.ZodType<T>, url: string, token: string, init: RequestInit = {}): Promise<Answer<T>> {
  const response = await fetch(url, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.body ? { "content-type": "application/json" } : {}) } });
  const json: unknown = await response.json();
  return { status: response.status, body: response.ok ? schema.parse(json) : ErrorBody.parse(json) };
}

function ok<T>(answer: Answer<T>): T {
  if (answer.status >= 300) throw new Error(`history API answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

/** The board history REST API (routes/history.ts) for one board and token. */
export function historyApi(url: string, boardId: string, token: string) {
  const base = `${url}/api/boards/${boardId}/history`;
  return {
    listRaw: () => call(HistoryList, base, token),
    list: async () => ok(await call(HistoryList, base, token)).entries,
    detailRaw: (entryId: string) => call(HistoryDetail, `${base}/${entryId}`, token),
    detail: async (entryId: string) => ok(await call(HistoryDetail, `${base}/${entryId}`, token)),
    checkpointRaw: (label: unknown) => call(HistoryEntry, `${base}/checkpoints`, token, { method: "POST", body: JSON.stringify({ label }) }),
    checkpoint: async (label: string) => ok(await call(HistoryEntry, `${base}/checkpoints`, token, { method: "POST", body: JSON.stringify({ label }) })),
    restoreRaw: (entryId: string) => call(HistoryRestored, `${base}/${entryId}/restore`, token, { method: "POST" }),
    restore: async (entryId: string) => ok(await call(HistoryRestored, `${base}/${entryId}/restore`, token, { method: "POST" })),
  };
}
