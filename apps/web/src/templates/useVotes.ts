import { useEffect, useState } from "react";
import { FacilitationView } from "@quadrant/facilitation";
import type { BoardApi } from "../board/boardApi";
import { revealedVote } from "./decisions";

const POLL_MS = 5_000;
const NONE: ReadonlyMap<string, number> = new Map();

/**
 * Revealed dot-vote totals per note, by the same rule as the server's export: the open vote
 * once revealed, else the newest finished one. Polled, since votes travel on the facilitation
 * channel rather than in the document.
 */
export function useVotes(api: BoardApi): ReadonlyMap<string, number> {
  const [votes, setVotes] = useState(NONE);
  const { id } = api.info;
  const { token } = api;
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      // Offline, the connection badge already says so; a failing poll would only add noise.
      if (!navigator.onLine) return;
      try {
        const r = await fetch(`/api/boards/${id}/facilitation`, { headers: { authorization: `Bearer ${token}` } });
        if (!r.ok) return;
        const parsed = FacilitationView.safeParse(await r.json());
        if (!parsed.success || stopped) return;
        const ranking = revealedVote(parsed.data) ?? [];
        setVotes((prev) => {
          const next = new Map(ranking.map((x) => [x.noteId, x.votes]));
          const same = prev.size === next.size && [...next].every(([k, n]) => prev.get(k) === n);
          return same ? prev : next;
        });
      } catch {
        // offline: keep the last known totals
      }
    };
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, token]);
  return votes;
}
