import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { elementsMap, type JsonObject } from "@quadrant/board-model";
import { type Command, initialState, viewFor } from "@quadrant/facilitation";
import { ElementBinding, type ElementDivert } from "../collab/elementBinding";
import { TestScene, type TestElement } from "../collab/testScene";
import { PrivateNotesRouter } from "./privateNotes";

const immediate = { now: () => 0, setTimeout: (fn: () => void) => (fn(), () => undefined) };

describe("ElementBinding.divert (private brainstorm routing)", () => {
  it("keeps new elements out of the document while diverting, and only new ones", () => {
    const doc = new Y.Doc();
    const map = elementsMap(doc);
    const scene = new TestScene(1);
    const diverted: JsonObject[] = [];
    let on = false;
    const divert: ElementDivert = { divert: (e) => (on ? (diverted.push(e), true) : false) };
    const binding = new ElementBinding<TestElement>({ map, scene, canWrite: true, divert, scheduler: immediate, throttleMs: 0 });
    binding.start();
    scene.add("shared", "a0");
    binding.flush();
    expect(map.has("shared")).toBe(true);

    on = true;
    scene.add("secret", "a1");
    binding.flush();
    binding.flush(); // unchanged: not sent again
    expect(map.has("secret")).toBe(false);
    expect(diverted.map((e) => e.id)).toEqual(["secret"]);
    scene.mutate("secret", { x: 50 });
    scene.mutate("shared", { x: 70 });
    binding.flush();
    expect(diverted.map((e) => [e.id, e.x])).toEqual([["secret", 0], ["secret", 50]]);
    // Elements already on the board keep syncing during private mode.
    expect(map.get("shared")?.x).toBe(70);

    // The reveal puts it into the document (server side); the binding just agrees.
    doc.transact(() => map.set("secret", structuredClone(scene.get("secret")) as unknown as JsonObject));
    on = false;
    scene.mutate("secret", { x: 90 });
    binding.flush();
    expect(map.get("secret")?.x).toBe(90);
    binding.destroy();
  });
});

describe("PrivateNotesRouter", () => {
  const state = { ...initialState(), brainstorm: { on: true, held: {} } };
  const fake = (on: boolean) => {
    const sent: Command[] = [];
    const view = viewFor(on ? state : initialState(), "me-participant-0001", "editor", 0);
    return { port: { view, send: (c: Command) => (sent.push(c), true) }, sent };
  };

  it("sends new elements as brainstorm.put / remove only while private mode is on", () => {
    const { port, sent } = fake(true);
    const router = new PrivateNotesRouter(port, true);
    expect(router.divert({ id: "abc", type: "rectangle", x: 1 })).toBe(true);
    expect(router.divert({ id: "abc", type: "rectangle", isDeleted: true })).toBe(true);
    expect(sent).toEqual([
      { type: "brainstorm.put", element: { id: "abc", type: "rectangle", x: 1 } },
      { type: "brainstorm.remove", elementId: "abc" },
    ]);
    const off = fake(false);
    expect(new PrivateNotesRouter(off.port, true).divert({ id: "abc", type: "rectangle" })).toBe(false);
    expect(new PrivateNotesRouter(port, false).divert({ id: "abc", type: "rectangle" })).toBe(false);
  });

  it("an element the server would refuse stays local instead of leaking into the document", () => {
    const { port, sent } = fake(true);
    expect(new PrivateNotesRouter(port, true).divert({ id: "bad id with spaces", type: "rectangle" })).toBe(true);
    expect(sent).toEqual([]);
  });
});
