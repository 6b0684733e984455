import { HEALTH_DIMENSIONS, type ActionRecord, healthRecordId, parseBoard } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import { interpretBoard } from "./interpret";
import { TIME_SINK_REASON } from "./not-doing";
import { FixtureBoard, strategyBoard } from "./testing/fixture-board";

const view = (b: FixtureBoard) => interpretBoard(parseBoard(b.snapshot));

function action(id: string, done: boolean, createdAt: number): ActionRecord {
  return { kind: "action", id, text: id, owner: "", due: "", done, createdAt };
}

describe("the outcomes in the board view", () => {
  it("RULE 26: every summary field is there, \"\" when not set; the well-known id wins", () => {
    const b = new FixtureBoard();
    b.addRecord({ kind: "summary", id: "summary:timeline", field: "timeline", text: "18 months" });
    b.addRecord({ kind: "summary", id: "imported-b", field: "resources", text: "from b" });
    b.addRecord({ kind: "summary", id: "imported-a", field: "resources", text: "from a" });
    b.addRecord({ kind: "summary", id: "imported", field: "outcomes", text: "imported" });
    b.addRecord({ kind: "summary", id: "summary:outcomes", field: "outcomes", text: "canonical" });
    const { summary } = view(b);
    expect(summary).toEqual({
      vision: "",
      timeline: "18 months",
      resources: "from a",
      outcomes: "canonical",
      objectives: "",
      constraints: "",
      currentState: "",
      challenges: "",
    });
  });

  it("RULE 26: the vision falls back to the legacy record only when no vision summary exists", () => {
    const b = new FixtureBoard();
    b.addRecord({ kind: "vision", id: "vision", text: "Legacy vision" });
    expect(view(b).summary.vision).toBe("Legacy vision");
    expect(view(b).vision).toBe("Legacy vision");
    b.addRecord({ kind: "summary", id: "summary:vision", field: "vision", text: "" });
    expect(view(b).summary.vision).toBe("");
    expect(view(b).vision).toBe("");
    b.addRecord({ kind: "summary", id: "summary:vision", field: "vision", text: "New vision" });
    expect(view(b).vision).toBe("New vision");
  });

  it("RULE 26: principles by order then id, decisions by number, actions open first then by createdAt and id", () => {
    const { board } = strategyBoard();
    const v = view(board);
    expect(v.principles.map((p) => p.id)).toEqual(["pr-a", "pr-b", "pr-c"]);
    // createdAt order is 1, 3, 2: the number decides
    expect(v.decisions.map((d) => d.number)).toEqual([1, 2, 3]);
    const b = new FixtureBoard();
    b.addRecord({ kind: "principle", id: "z", order: 1, title: "z", meaning: "" });
    b.addRecord({ kind: "principle", id: "a", order: 1, title: "a", meaning: "" });
    b.addRecord({ kind: "principle", id: "first", order: -1, title: "f", meaning: "" });
    for (const a of [action("done-early", true, 1), action("open-late", false, 9), action("open-b", false, 5), action("open-a", false, 5)]) b.addRecord(a);
    expect(view(b).principles.map((p) => p.id)).toEqual(["first", "a", "z"]);
    expect(view(b).actions.map((a) => a.id)).toEqual(["open-a", "open-b", "open-late", "done-early"]);
  });

  it("NoteView carries owner, due, dropped and healthOrigin (null when unset)", () => {
    const { board, ids } = strategyBoard();
    const notes = new Map(view(board).notes.map((n) => [n.id, n]));
    expect(notes.get(ids["sso"] ?? "")).toMatchObject({ owner: "Bo", due: "2027-Q1", dropped: null, healthOrigin: null });
    expect(notes.get(ids["billing"] ?? "")?.dropped).toEqual({ reason: "The vendor's billing covers us until 2028" });
    expect(notes.get(ids["carried"] ?? "")?.healthOrigin).toEqual({ templateId: ids["scorecard"], dimension: "security", rating: 2 });
    expect(notes.get(ids["html"] ?? "")).toMatchObject({ owner: null, due: null, dropped: null, healthOrigin: null });
  });

  it("RULES 25 and 27: a scorecard lists its six dimensions in order with their record and the notes in their row", () => {
    const { board, ids } = strategyBoard();
    const [card, ...more] = view(board).scorecards;
    expect(more).toEqual([]);
    expect(card?.instance.id).toBe(ids["scorecard"]);
    expect(card?.dimensions.map((d) => d.dimension)).toEqual([...HEALTH_DIMENSIONS]);
    expect(card?.dimensions.map((d) => d.name)).toEqual(["Scalability", "Reliability", "Security", "Developer velocity", "Technical debt", "Team health"]);
    const security = card?.dimensions[2];
    expect(security?.record?.rating).toBe(2);
    expect(security?.notes.map((n) => n.text)).toEqual(["Pen test booked for March"]);
    expect(card?.dimensions[5]?.record?.rating).toBeNull();
    expect(card?.dimensions.filter((d) => d.dimension !== "security").every((d) => d.notes.length === 0)).toBe(true);
  });

  it("RULE 27: a record under another id counts only when the canonical one is missing; no record is null", () => {
    const b = new FixtureBoard();
    const card = b.addTemplate("health-scorecard", 0, 0, 600, 600);
    const other = b.addTemplate("health-scorecard", 1000, 0, 600, 600);
    const base = { kind: "health", templateId: card.id, evidence: "", impact: "" } as const;
    b.addRecord({ ...base, id: "stray-security", dimension: "security", rating: 1 });
    b.addRecord({ ...base, id: "stray-scalability", dimension: "scalability", rating: 1 });
    b.addRecord({ ...base, id: healthRecordId(card.id, "scalability"), dimension: "scalability", rating: 5 });
    b.addRecord({ ...base, templateId: other.id, id: healthRecordId(other.id, "reliability"), dimension: "reliability", rating: 3 });
    const [first, second] = view(b).scorecards;
    expect(first?.dimensions.map((d) => d.record?.rating ?? null)).toEqual([5, null, 1, null, null, null]);
    expect(second?.dimensions.map((d) => d.record?.rating ?? null)).toEqual([null, 3, null, null, null, null]);
  });

  it("RULE 28: dropped notes with their reason, then Time Sinks; a dropped Time Sink once, as dropped", () => {
    const b = new FixtureBoard();
    const matrix = b.addTemplate("impact-effort", 0, 0, 900, 900);
    b.addScored(matrix, 2, 9, "Sink B");
    b.addScored(matrix, 2, 8, "Sink A");
    b.addScored(matrix, 1, 9, "Dropped sink", { dropped: { reason: "Never" } });
    b.addScored(matrix, 9, 2, "Dropped win", { dropped: { reason: "" } });
    b.addScored(matrix, 9, 9, "Big bet");
    b.addNote({ x: 5000, y: 5000 }, "Unplaced in a sink? no");
    const v = view(b);
    expect(v.notDoing.map((x) => [x.note.text, x.kind, x.reason])).toEqual([
      ["Dropped sink", "dropped", "Never"],
      ["Dropped win", "dropped", ""],
      ["Sink A", "time-sink", TIME_SINK_REASON],
      ["Sink B", "time-sink", TIME_SINK_REASON],
    ]);
    expect(Object.values(v.roadmap).flat().map((n) => n.text)).toEqual(["Big bet"]);
    expect(v.ranked).toHaveLength(5);
  });
});
