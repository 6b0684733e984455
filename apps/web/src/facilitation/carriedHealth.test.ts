import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { elementsMap, notesMap } from "@quadrant/board-model";
import { carriedDimensions, carryKey } from "./carriedHealth";

describe("dimensions already carried into a SWOT", () => {
  it("counts live carried notes and held ones (data without an element), not deleted ones or other origins", () => {
    const doc = new Y.Doc();
    const notes = notesMap(doc);
    const elements = elementsMap(doc);
    notes.set("live", { healthOrigin: { templateId: "card", dimension: "security", rating: 2 } });
    elements.set("live", { id: "live", type: "rectangle" });
    notes.set("held", { healthOrigin: { templateId: "card", dimension: "reliability", rating: 1 } });
    notes.set("gone", { healthOrigin: { templateId: "card", dimension: "scalability", rating: 1 } });
    elements.set("gone", { id: "gone", type: "rectangle", isDeleted: true });
    notes.set("swot-item", { origin: { templateId: "s", templateKind: "swot", label: "Weaknesses", noteId: "n" } });
    notes.set("broken", { healthOrigin: { templateId: "card", dimension: "morale", rating: 1 } });
    expect(carriedDimensions(doc)).toEqual(new Set([carryKey("card", "security"), carryKey("card", "reliability")]));
  });
});
