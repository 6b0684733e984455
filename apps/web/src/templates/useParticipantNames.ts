import { useEffect, useState } from "react";
import type { BoardApi } from "../board/boardApi";
import { useFacilitationView } from "./useFacilitationView";

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Display names to offer as owners: everyone here now (presence, me included) and, for the
 * facilitator, everyone who took part earlier (the server's roster). Sorted, each once.
 */
export function useParticipantNames(api: BoardApi): string[] {
  const { presence } = api;
  const view = useFacilitationView(api);
  const [here, setHere] = useState<string[]>([]);
  useEffect(() => {
    const update = () => {
      const names = [presence.local()?.user.name, ...presence.peers().map((p) => p.state.user.name)].filter((n): n is string => !!n);
      setHere((prev) => (sameList(prev, names) ? prev : names));
    };
    update();
    return presence.subscribe(update);
  }, [presence]);
  const earlier = view?.participants?.who.map((p) => p.name) ?? [];
  return [...new Set([...here, ...earlier].map((n) => n.trim()).filter((n) => n !== ""))].sort((a, b) => a.localeCompare(b));
}
