import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { TemplateInstance, templatesMap } from "@quadrant/board-model";

/** The board's template instances, oldest first (the ones that pass the schema). */
export function readTemplateInstances(doc: Y.Doc): TemplateInstance[] {
  const out: TemplateInstance[] = [];
  templatesMap(doc).forEach((raw) => {
    const parsed = TemplateInstance.safeParse(raw);
    if (parsed.success) out.push(parsed.data);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/**
 * The board's template instances, oldest first, following the document. Only the templates root
 * is observed: the facilitator's tools need to know which scorecards exist, not every stroke.
 */
export function useTemplateInstances(doc: Y.Doc): TemplateInstance[] {
  const [templates, setTemplates] = useState(() => readTemplateInstances(doc));
  useEffect(() => {
    const map = templatesMap(doc);
    const update = () => setTemplates(readTemplateInstances(doc));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [doc]);
  return templates;
}
