/**
 * The first of `items`, nearest first, that `ok` accepts: the same item as a stable sort by
 * `distance` followed by `find(ok)`, equal distances keeping the items' order. A binary heap
 * instead of the sort, so asking about thousands of candidates (a template spot on a
 * 2,000-element board has 8,000) costs a pass over them and a few pops, not a full sort.
 */
export function firstNearest<T>(items: readonly T[], distance: (item: T) => number, ok: (item: T) => boolean): T | undefined {
  const d = items.map(distance);
  const heap = items.map((_, i) => i);
  // Nearer first; on equal distance the earlier item, as the stable sort kept it.
  const before = (a: number, b: number) => d[a]! < d[b]! || (d[a] === d[b] && a < b);
  const sink = (from: number, size: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < size && before(heap[l]!, heap[top]!)) top = l;
      if (r < size && before(heap[r]!, heap[top]!)) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  };
  for (let i = Math.floor(heap.length / 2) - 1; i >= 0; i--) sink(i, heap.length);
  for (let size = heap.length; size > 0; size--) {
    const item = items[heap[0]!]!;
    if (ok(item)) return item;
    heap[0] = heap[size - 1]!;
    sink(0, size - 1);
  }
  return undefined;
}
