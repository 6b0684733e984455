import { useCallback, useEffect, useState } from "react";
import type { HistoryEntry } from "@quadrant/protocol";
import type { ControlChannel } from "../facilitation/controlChannel";
import { type HistoryClient, failureText } from "./historyApi";
import { snapshotMomentKey } from "./snapshotMoments";

/** How often an open panel re-reads the list: the server also snapshots on a timer, and other instances write too. */
const REFRESH_MS = 15_000;
/**
 * After a reveal or an agenda step (which the server snapshots, in the background, right after the
 * command) the list is re-read this soon, so the new entry shows within a second or two instead of
 * at the next poll; and once more a little later in case that snapshot took longer.
 */
const AFTER_MOMENT_MS = [700, 3_000] as const;

export interface HistoryListState {
  entries: HistoryEntry[] | null;
  error: string | null;
  refresh(): Promise<void>;
}

export function useHistoryList(client: HistoryClient, control: ControlChannel | null = null): HistoryListState {
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
  useEffect(() => {
    if (!control) return;
    let key = control.view ? snapshotMomentKey(control.view) : null;
    const pending: number[] = [];
    const unsubscribe = control.onView((view) => {
      const next = snapshotMomentKey(view);
      if (next === key) return;
      const first = key === null;
      key = next;
      if (first) return;
      for (const id of pending.splice(0)) window.clearTimeout(id);
      for (const ms of AFTER_MOMENT_MS) pending.push(window.setTimeout(() => void refresh(), ms));
    });
    return () => {
      unsubscribe();
      for (const id of pending) window.clearTimeout(id);
    };
  }, [control, refresh]);
  return { entries, error, refresh };
}
