import * as Y from "yjs";

/** A board with `n` elements, each a map of a few fields, as the server would hold it (test fixture). */
export function boardDoc(n: number): Y.Doc {
  const doc = new Y.Doc();
  const elements = doc.getMap<Y.Map<unknown>>("elements");
  doc.transact(() => {
    for (let i = 0; i < n; i++) {
      const element = new Y.Map<unknown>();
      element.set("type", "rectangle");
      element.set("x", i * 10);
      element.set("text", `note ${i}`);
      elements.set(`e${i}`, element);
    }
  });
  return doc;
}

/** Every element as `id:text`, sorted: two documents showing the same board give equal lists. */
export const texts = (doc: Y.Doc) =>
  [...doc.getMap<Y.Map<unknown>>("elements").entries()].map(([id, e]) => `${id}:${String(e.get("text"))}`).sort();
