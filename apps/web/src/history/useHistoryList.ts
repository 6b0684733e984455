import { useCallback, useEffect, useState } from "react";
import type { HistoryEntry } from "@quadrant/protocol";
import { type HistoryClient, failureText } from "./historyApi";

/** How often an open panel re-reads the list: snapshots are also taken by the server (timer, reveals) and other instances. */
const REFRESH_MS = 15_000;

export interface HistoryListState {
  entries: HistoryEntry[] | null;
  error: string | null;
  refresh(): Promise<void>;
}

export function useHistoryList(client: HistoryClient): HistoryListState {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const result = await client.list();
    if (result.kind === "ok") {
      setEntries(result.value.entries);
      setError(null);
    } else {
      setError(`The history could not be loaded: ${failureText(result)}`);
    }
  }, [client]);
  useEffect(() => {
    void refresh();
    // Offline, the connection badge already says so; a failing poll would only add noise.
    const timer = window.setInterval(() => navigator.onLine && void refresh(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);
  return { entries, error, refresh };
}
