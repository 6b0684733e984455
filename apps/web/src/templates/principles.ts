import type { PrincipleRecord } from "@quadrant/board-model";

/** A new principle goes last. */
export function nextPrincipleOrder(principles: readonly Pick<PrincipleRecord, "order">[]): number {
  return principles.reduce((max, p) => Math.max(max, p.order + 1), 0);
}

/**
 * Moves the principle at `index` (in display order) one place up (-1) or down (+1). The
 * list is renumbered 0, 1, 2… in its new order and only the records whose order changed are
 * returned (to write in one transaction): equal orders, left by two people adding at once,
 * could not be swapped by exchanging values.
 */
export function movePrinciple(principles: readonly PrincipleRecord[], index: number, delta: -1 | 1): PrincipleRecord[] {
  const target = index + delta;
  if (index < 0 || index >= principles.length || target < 0 || target >= principles.length) return [];
  const next = [...principles];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved as PrincipleRecord);
  return next.flatMap((p, order) => (p.order === order ? [] : [{ ...p, order }]));
}
