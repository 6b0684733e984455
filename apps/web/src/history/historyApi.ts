import { HistoryDetail, HistoryEntry, HistoryList, HistoryRestored } from "@quadrant/protocol";
import { type ApiResult, request } from "../api/client";

/** The board history REST API (docs/history.md) with this page's link token. */
export interface HistoryClient {
  list(): Promise<ApiResult<HistoryList>>;
  detail(entryId: string): Promise<ApiResult<HistoryDetail>>;
  checkpoint(label: string): Promise<ApiResult<HistoryEntry>>;
  restore(entryId: string): Promise<ApiResult<HistoryRestored>>;
}

export function historyClient(boardId: string, token: string): HistoryClient {
  const base = `/api/boards/${encodeURIComponent(boardId)}/history`;
  const auth = { Authorization: `Bearer ${token}` };
  return {
    list: () => request(HistoryList, base, { headers: auth }),
    detail: (entryId) => request(HistoryDetail, `${base}/${encodeURIComponent(entryId)}`, { headers: auth }),
    checkpoint: (label) =>
      request(HistoryEntry, `${base}/checkpoints`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ label }) }),
    restore: (entryId) => request(HistoryRestored, `${base}/${encodeURIComponent(entryId)}/restore`, { method: "POST", headers: auth }),
  };
}

/** A failed call as one sentence for the panel. */
export function failureText<T>(result: Exclude<ApiResult<T>, { kind: "ok" }>): string {
  return result.kind === "network" ? "The server could not be reached; check your connection and try again." : result.message;
}
