import type * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import { templatesMap } from "@quadrant/board-model";
import type { TemplateKind } from "@quadrant/protocol";
import { DEFAULT_TEMPLATE_SIZE, buildTemplate } from "@quadrant/templates";
import { browserContext } from "../templates/docWrites";
import type { BoardWriter } from "./boardWriter";

/**
 * A board created from a template gets its instance once the first facilitator is in sync with
 * the server (so an existing board is never given a second one). A rule of the board session, not
 * of a panel: it must hold before anything else reads the first sync (the initial fit frames the
 * template), whether or not the panels have loaded yet (they load once the board is shown, issue 17).
 * Returns the unsubscribe.
 */
export function writeInitialTemplate(provider: WebsocketProvider, doc: Y.Doc, template: TemplateKind, writer: BoardWriter): () => void {
  if (template === "blank") return () => {};
  const onSynced = (synced: boolean) => {
    if (!synced || templatesMap(doc).size > 0) return;
    const built = buildTemplate(template, { x: 0, y: 0 }, DEFAULT_TEMPLATE_SIZE, browserContext());
    writer.addStructure({ elements: built.elements, templates: [built.instance] });
  };
  if (provider.synced) onSynced(true);
  provider.on("sync", onSynced);
  return () => provider.off("sync", onSynced);
}
