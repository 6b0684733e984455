import { useEffect, useState } from "react";
import type { Looker } from "@quadrant/templates";
import type { Presence } from "../collab/presence";

/** Everyone else on the board whose view is known, and the middle of that view. */
export function readLookers(presence: Presence): Looker[] {
  return presence.peers().flatMap((p) => (p.state.viewport ? [{ name: p.state.user.name || "anonymous", at: { x: p.state.viewport.cx, y: p.state.viewport.cy } }] : []));
}

const same = (a: readonly Looker[], b: readonly Looker[]) =>
  a.length === b.length && a.every((l, i) => l.name === b[i]?.name && l.at.x === b[i]?.at.x && l.at.y === b[i]?.at.y);

/** The other people on the board and the middle of their views, following awareness (pointer moves alone re-render nothing). */
export function useLookers(presence: Presence): Looker[] {
  const [lookers, setLookers] = useState(() => readLookers(presence));
  useEffect(() => {
    const update = () => setLookers((prev) => {
      const next = readLookers(presence);
      return same(prev, next) ? prev : next;
    });
    update();
    return presence.subscribe(update);
  }, [presence]);
  return lookers;
}
