import type { VersionedElement } from "./conflict";

/** Past this many remote elements at once (a sync, a paste), the full reconcile is as cheap and always right. */
const MAX_IN_PLACE = 32;

/**
 * The scene after a few remote elements, without reconciling the whole board: each remote
 * element either loses to its local copy (`discard`, the reconcile rule) or takes that copy's
 * place in the array. It answers only when that is exactly what a full reconcile would give:
 * every remote element already exists locally, keeps its fractional index, and that index
 * still sorts strictly between its neighbours (so the order is unchanged and index healing,
 * which would bump versions, has nothing to heal). Otherwise null: reconcile everything.
 * Returns `elements` itself when every remote element lost.
 */
export function replaceInOrder<E extends VersionedElement>(
  elements: readonly E[],
  byId: (id: string) => E | undefined,
  remote: readonly E[],
  discard: (local: E, remote: E) => boolean,
): readonly E[] | null {
  if (remote.length > MAX_IN_PLACE) return null;
  let next: E[] | null = null;
  const seen = new Set<string>();
  for (const incoming of remote) {
    // Reconcile keeps the first copy of an id it is handed.
    if (seen.has(incoming.id)) continue;
    seen.add(incoming.id);
    const local = byId(incoming.id);
    if (!local) return null;
    if (discard(local, incoming)) continue;
    const index = incoming.index;
    if (index === null || index !== local.index) return null;
    const at = elements.indexOf(local);
    if (at < 0) return null;
    const before = elements[at - 1];
    const after = elements[at + 1];
    if (before && (before.index === null || before.index >= index)) return null;
    if (after && (after.index === null || after.index <= index)) return null;
    next ??= elements.slice();
    next[at] = incoming;
  }
  return next ?? elements;
}
