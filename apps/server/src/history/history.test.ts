import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { elementsMap, writeTemplate } from "@quadrant/board-model";
import type { Command } from "@quadrant/facilitation";
import type { HistoryEntry } from "@quadrant/protocol";
import { createBoard } from "../../test-support/create-board";
import { controlClient, type ControlClient } from "../../test-support/control-test-client";
import { historyApi } from "../../test-support/history-client";
import { stockClient } from "../../test-support/stock-client";
import { suiteServer } from "../../test-support/suite-server";
import { waitFor } from "../../test-support/wait-for";

const FAC = "facilitator-participant-0001";
const EDITOR = "editor-participant-00000001";

function note(id: string, x: number, y = 0) {
  return { id, type: "rectangle", x, y, width: 120, height: 80, version: 1, versionNonce: 1, isDeleted: false, backgroundColor: "#fff3bf" };
}

/** What a person sees: the visible elements' positions and colours, by id. */
function scene(doc: Y.Doc): Record<string, { x: number; y: number; backgroundColor: unknown }> {
  const out: Record<string, { x: number; y: number; backgroundColor: unknown }> = {};
  elementsMap(doc).forEach((element, id) => {
    if (element["isDeleted"] !== true) out[id] = { x: Number(element["x"]), y: Number(element["y"]), backgroundColor: element["backgroundColor"] };
  });
  return out;
}

/** A change made the way Excalidraw makes one: a new object, version + 1. */
function edit(doc: Y.Doc, id: string, patch: Record<string, unknown>): void {
  const current = elementsMap(doc).get(id);
  if (!current) throw new Error(`no element ${id}`);
  elementsMap(doc).set(id, { ...structuredClone(current), ...patch, version: Number(current["version"]) + 1, versionNonce: Math.floor(Math.random() * 1e9) });
}

describe("board history", () => {
  const suite = suiteServer({ storage: "sqlite" });
  const controls: ControlClient[] = [];
  async function connect(boardId: string, token: string, participant: string, name: string): Promise<ControlClient> {
    const client = await controlClient(suite.server.wsUrl, boardId, token, participant);
    controls.push(client);
    await client.send({ type: "presence.hello", name });
    return client;
  }

  it("takes a snapshot at each facilitation moment, naming who was editing", async () => {
    const board = await createBoard(suite.server.url);
    const writer = suite.track(stockClient(suite.server.wsUrl, board.id, board.tokens.facilitator));
    await writer.synced();
    writeTemplate(writer.doc, { id: "card", kind: "health-scorecard", frameId: "cardFrame", title: "Technical health", zones: [], createdAt: 1 });
    elementsMap(writer.doc).set("n1", note("n1", 0));
    await waitFor(() => suite.server.app.rooms.get(board.id)?.doc.getMap("templates").has("card"));
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC, "Ada");
    const editor = await connect(board.id, board.tokens.editor, EDITOR, "Ben");
    const commands: Command[] = [
      { type: "brainstorm.start" },
      { type: "brainstorm.reveal" },
      { type: "vote.open", target: { kind: "board" }, votesPerPerson: 1, allowStacking: false },
      { type: "vote.close" },
      { type: "vote.reveal" },
      { type: "scoring.open", target: { kind: "board" } },
      { type: "scoring.reveal" },
      { type: "rating.open", templateId: "card" },
      { type: "rating.reveal" },
      { type: "agenda.set", steps: [{ id: "s1", title: "Prioritise", minutes: null, privateMode: null, vote: null, focusFrameId: null }] },
      { type: "agenda.next" },
    ];
    for (const command of commands) expect(await facilitator.send(command)).toMatchObject({ type: "view" });

    const api = historyApi(suite.server.url, board.id, board.tokens.viewer);
    const entries = await waitFor(async () => {
      const list = await api.list();
      return list.length >= 5 ? list : null;
    }, { message: "five facilitation snapshots" }).then((list) => list ?? []);
    expect(entries.map((entry) => [entry.trigger, entry.label]).reverse()).toEqual([
      ["brainstorm-reveal", "Private brainstorm revealed"],
      ["vote-reveal", "Vote 1 revealed"],
      ["scoring-reveal", "Scores revealed"],
      ["rating-reveal", "Health ratings revealed"],
      ["agenda-step", "Agenda: Prioritise"],
    ]);
    // The first snapshot names everyone connected with an editing link; the viewer's list is read-only metadata.
    expect(entries.at(-1)).toMatchObject({ editors: ["Ada", "Ben"], elementCount: 1 });
    expect(entries[0]?.byteSize).toBeGreaterThan(0);
    facilitator.close();
    editor.close();
  });

  it("restores in place: both connected clients converge to the snapshot, and the state it replaced is kept", async () => {
    const board = await createBoard(suite.server.url);
    const alice = suite.track(stockClient(suite.server.wsUrl, board.id, board.tokens.facilitator));
    const bob = suite.track(stockClient(suite.server.wsUrl, board.id, board.tokens.editor));
    await Promise.all([alice.synced(), bob.synced()]);
    for (const [id, x] of [["n1", 0], ["n2", 200], ["n3", 400]] as const) elementsMap(alice.doc).set(id, note(id, x));
    await waitFor(() => Object.keys(scene(bob.doc)).length === 3, { message: "notes reach Bob" });
    const facilitatorApi = historyApi(suite.server.url, board.id, board.tokens.facilitator);
    const checkpoint = await facilitatorApi.checkpoint("  before lunch ");
    expect(checkpoint).toMatchObject({ label: "before lunch", trigger: "checkpoint", elementCount: 3 });
    const before = scene(alice.doc);

    // Bob wrecks the matrix: moves one note, recolours one, deletes one, adds one.
    edit(bob.doc, "n1", { x: 900, y: 700 });
    edit(bob.doc, "n2", { backgroundColor: "#ffc9c9" });
    edit(bob.doc, "n3", { isDeleted: true });
    elementsMap(bob.doc).set("n4", note("n4", 600));
    await waitFor(() => scene(alice.doc)["n4"] !== undefined && scene(alice.doc)["n3"] === undefined, { message: "Bob's edits reach Alice" });
    const wrecked = scene(alice.doc);

    const detail = await facilitatorApi.detail(checkpoint.id);
    expect(detail.diff).toEqual({ added: 1, moved: 1, removed: 1, changed: 1 });
    expect(detail.elements.map((element) => element["id"]).sort()).toEqual(["n1", "n2", "n3"]);

    const { restored, saved } = await facilitatorApi.restore(checkpoint.id);
    expect(restored.id).toBe(checkpoint.id);
    expect(saved).toMatchObject({ trigger: "before-restore", label: "Before restore of “before lunch”", elementCount: 3 });
    await waitFor(() => JSON.stringify(scene(alice.doc)) === JSON.stringify(before) || null, { message: "Alice sees the checkpoint" });
    await waitFor(() => JSON.stringify(scene(bob.doc)) === JSON.stringify(before) || null, { message: "Bob sees the checkpoint" });
    expect(scene(bob.doc)).toEqual(before);
    expect((await facilitatorApi.detail(checkpoint.id)).diff).toEqual({ added: 0, moved: 0, removed: 0, changed: 0 });

    // The wrecked state is itself in history, and restoring it brings Bob's edits back.
    const savedDetail = await facilitatorApi.detail(saved.id);
    expect(Object.fromEntries(savedDetail.elements.map((e) => [e["id"], { x: e["x"], y: e["y"], backgroundColor: e["backgroundColor"] }]))).toEqual(wrecked);
    await facilitatorApi.restore(saved.id);
    await waitFor(() => JSON.stringify(scene(bob.doc)) === JSON.stringify(wrecked) || null, { message: "Bob sees his edits again" });
    // And survives a reload: the restore went through the durable pipeline.
    await suite.server.app.rooms.flushAll();
    const late = suite.track(stockClient(suite.server.wsUrl, board.id, board.tokens.viewer));
    await late.synced();
    expect(scene(late.doc)).toEqual(wrecked);
  });

  it("refuses checkpoints and restores to editors and viewers, on the server", async () => {
    const board = await createBoard(suite.server.url);
    const facilitatorApi = historyApi(suite.server.url, board.id, board.tokens.facilitator);
    const checkpoint = await facilitatorApi.checkpoint("start");
    for (const token of [board.tokens.editor, board.tokens.viewer]) {
      const api = historyApi(suite.server.url, board.id, token);
      expect(await api.restoreRaw(checkpoint.id)).toMatchObject({
        status: 403,
        body: { error: { code: "forbidden", message: "only the facilitator link can restore the board from its history" } },
      });
      expect(await api.checkpointRaw("mine")).toMatchObject({ status: 403 });
      expect((await api.list()).map((entry: HistoryEntry) => entry.id)).toEqual([checkpoint.id]);
    }
    expect(await historyApi(suite.server.url, board.id, "not-a-token").listRaw()).toMatchObject({ status: 401 });
    expect(await facilitatorApi.restoreRaw("unknown-entry-id")).toMatchObject({ status: 404, body: { error: { message: "history entry not found" } } });
    expect(await facilitatorApi.checkpointRaw("   ")).toMatchObject({ status: 400 });
    expect(await facilitatorApi.checkpointRaw("x".repeat(81))).toMatchObject({ status: 400 });
    expect(await facilitatorApi.list()).toHaveLength(1);
  });
});

describe("board history retention", () => {
  // No timer here: an autosave would count among the automatic snapshots.
  const suite = suiteServer({ storage: "sqlite", history: { intervalMs: 0, retention: { automatic: 3, checkpoints: 2 } } });

  it("keeps at most the configured automatic snapshots and checkpoints", async () => {
    const board = await createBoard(suite.server.url);
    const facilitator = await controlClient(suite.server.wsUrl, board.id, board.tokens.facilitator, FAC);
    const api = historyApi(suite.server.url, board.id, board.tokens.facilitator);
    const steps = ["One", "Two", "Three", "Four", "Five"].map((title) => ({ id: title, title, minutes: null, privateMode: null, vote: null, focusFrameId: null }));
    await facilitator.send({ type: "agenda.set", steps });
    for (let i = 0; i < steps.length; i++) {
      await facilitator.send({ type: "agenda.next" });
      await waitFor(async () => (await api.list()).some((entry) => entry.label === `Agenda: ${steps[i]!.title}`), { message: `snapshot of step ${i + 1}` });
    }
    for (const label of ["cp 1", "cp 2", "cp 3"]) await api.checkpoint(label);
    const entries = await api.list();
    expect(entries.filter((entry) => entry.trigger === "checkpoint").map((entry) => entry.label)).toEqual(["cp 3", "cp 2"]);
    expect(entries.filter((entry) => entry.trigger === "agenda-step").map((entry) => entry.label)).toEqual(["Agenda: Five", "Agenda: Four", "Agenda: Three"]);
    facilitator.close();
  });

});

describe("board history timer", () => {
  const suite = suiteServer({ storage: "sqlite", history: { intervalMs: 50, retention: { automatic: 100, checkpoints: 50 } } });

  it("autosaves on the timer while the board changes, and not while it does not", async () => {
    const board = await createBoard(suite.server.url);
    const writer = suite.track(stockClient(suite.server.wsUrl, board.id, board.tokens.editor));
    await writer.synced();
    const api = historyApi(suite.server.url, board.id, board.tokens.facilitator);
    elementsMap(writer.doc).set("n1", note("n1", 0));
    const first = await waitFor(async () => (await api.list()).find((entry) => entry.trigger === "interval"), { message: "an autosave" });
    expect(first).toMatchObject({ label: "Autosave", elementCount: 1 });
    // Ten intervals with no edit: no new snapshot.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await api.list()).toHaveLength(1);
    edit(writer.doc, "n1", { x: 300 });
    const second = await waitFor(async () => {
      const list = await api.list();
      return list.length === 2 ? list[0] : null;
    }, { message: "a second autosave" });
    expect((await api.detail(second!.id)).elements[0]).toMatchObject({ id: "n1", x: 300 });
  });
});
