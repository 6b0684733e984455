import { describe, expect, it } from "vitest";
import { type BoardContext, type Command, FACILITATOR_COMMANDS, applyCommand, initialState, parseState, viewFor } from "./index";
import { T0, alice, bob, fac, must, run, vic } from "./test-actors";

const EXAMPLE_COMMANDS: Command[] = [
  { type: "timer.set", minutes: 5 },
  { type: "timer.start" },
  { type: "timer.pause" },
  { type: "timer.resume" },
  { type: "timer.addMinute" },
  { type: "timer.reset" },
  { type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: true },
  { type: "vote.close" },
  { type: "vote.reveal" },
  { type: "vote.clear" },
  { type: "brainstorm.start" },
  { type: "brainstorm.reveal" },
  { type: "scoring.open", target: { kind: "board" } },
  { type: "scoring.reveal" },
  { type: "scoring.accept", noteId: "n1" },
  { type: "scoring.close" },
  { type: "rating.open", templateId: "card", threshold: 1 },
  { type: "rating.reveal" },
  { type: "rating.accept", dimension: "security" },
  { type: "rating.close" },
  { type: "focus.summon", viewport: { x: 1, y: 2, zoom: 1 } },
  { type: "focus.follow", on: true },
  { type: "focus.viewport", viewport: { x: 1, y: 2, zoom: 1 } },
  { type: "focus.spotlight", frameId: "f1" },
  { type: "lock.board", locked: true },
  { type: "lock.frame", frameId: "f1", locked: true },
  { type: "agenda.set", steps: [] },
  { type: "agenda.frame", stepId: "s1", frameId: "f1" },
  { type: "agenda.next" },
  { type: "agenda.goto", index: 0 },
  { type: "present.start", frameIds: ["f1"] },
  { type: "present.move", by: 1 },
  { type: "present.stop" },
  { type: "ready.clear" },
  { type: "comment.settings", viewersMayComment: false },
  { type: "prework.open", kind: "scoring", target: { kind: "notes", noteIds: ["n1"] }, deadline: T0 + 60_000 },
  { type: "prework.extend", deadline: T0 + 120_000 },
  { type: "prework.close" },
  { type: "prework.reveal" },
  { type: "prework.clear" },
  { type: "groups.define", name: "Engineering", code: "eng-join-code-000001" },
  { type: "groups.rename", groupId: "g1", name: "Eng" },
  { type: "groups.remove", groupId: "g1" },
  { type: "groups.newLink", groupId: "g1", code: "eng-join-code-000002" },
  { type: "groups.settings", floor: 4 },
  { type: "groups.assign", ref: 1, groupId: null },
  { type: "notes.colours", mode: "author" },
];

describe("permissions", () => {
  it("the example list covers every facilitator command", () => {
    expect(new Set(EXAMPLE_COMMANDS.map((c) => c.type))).toEqual(new Set(FACILITATOR_COMMANDS));
  });

  it("refuses every facilitator command from editors and viewers and changes nothing", () => {
    const state = initialState();
    for (const actor of [alice, vic]) {
      for (const command of EXAMPLE_COMMANDS) {
        const result = applyCommand(state, command, actor, T0);
        expect(result, `${actor.role} ${command.type}`).toMatchObject({ ok: false, reason: "forbidden" });
      }
    }
  });

  it("viewers may vote, score and mark ready but not hold private notes", () => {
    let s = run(initialState(), [
      [{ type: "vote.open", target: { kind: "board" }, votesPerPerson: 2, allowStacking: false }, fac],
      [{ type: "scoring.open", target: { kind: "board" } }, fac],
      [{ type: "brainstorm.start" }, fac],
    ]);
    s = run(s, [
      [{ type: "vote.cast", noteId: "n1" }, vic],
      [{ type: "scoring.submit", noteId: "n1", impact: 3, effort: 4 }, vic],
      [{ type: "ready.set", ready: true }, vic],
    ]);
    expect(applyCommand(s, { type: "brainstorm.put", element: { id: "e1", type: "rectangle" } }, vic, T0)).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
  });
});

describe("timer", () => {
  it("counts down from server time, pauses, resumes, adds a minute, resets", () => {
    let s = run(initialState(), [[{ type: "timer.set", minutes: 10 }, fac], [{ type: "timer.start" }, fac, T0]]);
    expect(viewFor(s, "alice", "editor", T0 + 60_000).timer).toMatchObject({
      status: "running",
      remainingMs: 9 * 60_000,
      endsAt: T0 + 600_000,
      expired: false,
    });
    s = run(s, [[{ type: "timer.pause" }, fac, T0 + 120_000]]);
    expect(viewFor(s, "alice", "editor", T0 + 999_999).timer.remainingMs).toBe(8 * 60_000);
    s = run(s, [[{ type: "timer.resume" }, fac, T0 + 300_000]]);
    expect(viewFor(s, "alice", "editor", T0 + 300_000).timer.remainingMs).toBe(8 * 60_000);
    s = run(s, [[{ type: "timer.addMinute" }, fac, T0 + 300_000]]);
    expect(viewFor(s, "alice", "editor", T0 + 300_000).timer.remainingMs).toBe(9 * 60_000);
    s = run(s, [[{ type: "timer.reset" }, fac]]);
    expect(viewFor(s, "alice", "editor", T0).timer).toMatchObject({ status: "idle", remainingMs: 11 * 60_000 });
  });

  it("expires at zero and never goes negative", () => {
    const s = run(initialState(), [[{ type: "timer.set", minutes: 1 }, fac], [{ type: "timer.start" }, fac, T0]]);
    expect(viewFor(s, "a", "editor", T0 + 59_999).timer.expired).toBe(false);
    expect(viewFor(s, "a", "editor", T0 + 60_000).timer).toMatchObject({ expired: true, remainingMs: 0 });
    expect(viewFor(s, "a", "editor", T0 + 600_000).timer.remainingMs).toBe(0);
  });

  it("adding a minute to an expired timer gives one minute from now, and a new run", () => {
    const s = run(initialState(), [[{ type: "timer.set", minutes: 1 }, fac], [{ type: "timer.start" }, fac, T0]]);
    const later = run(s, [[{ type: "timer.addMinute" }, fac, T0 + 300_000]]);
    expect(viewFor(later, "a", "editor", T0 + 300_000).timer.remainingMs).toBe(60_000);
    expect(later.timerRun).toBe(s.timerRun + 1);
  });

  it("refuses pausing a stopped timer and resuming a running one", () => {
    expect(applyCommand(initialState(), { type: "timer.pause" }, fac, T0)).toMatchObject({ ok: false, reason: "conflict" });
    const s = run(initialState(), [[{ type: "timer.start" }, fac]]);
    expect(applyCommand(s, { type: "timer.resume" }, fac, T0)).toMatchObject({ ok: false, reason: "conflict" });
  });

  it("survives a JSON round trip (persistence) with absolute times", () => {
    const s = run(initialState(), [[{ type: "timer.set", minutes: 3 }, fac], [{ type: "timer.start" }, fac, T0]]);
    const restored = parseState(JSON.parse(JSON.stringify(s)));
    expect(viewFor(restored, "a", "editor", T0 + 60_000).timer.remainingMs).toBe(120_000);
  });
});

describe("dot voting", () => {
  const open = (votesPerPerson: number, allowStacking: boolean, noteIds = ["n1", "n2", "n3", "n4"]) =>
    run(initialState(), [
      [{ type: "vote.open", target: { kind: "notes", noteIds }, votesPerPerson, allowStacking }, fac],
    ]);

  it("enforces the limit and reports remaining votes", () => {
    let s = open(3, false);
    s = run(s, [
      [{ type: "vote.cast", noteId: "n1" }, alice],
      [{ type: "vote.cast", noteId: "n2" }, alice],
      [{ type: "vote.cast", noteId: "n3" }, alice],
    ]);
    expect(viewFor(s, "alice", "editor", T0).vote?.remaining).toBe(0);
    expect(applyCommand(s, { type: "vote.cast", noteId: "n4" }, alice, T0)).toMatchObject({ ok: false, reason: "limit" });
    expect(viewFor(s, "bob", "editor", T0).vote?.remaining).toBe(3);
  });

  it("allows stacking only when configured", () => {
    const noStack = run(open(3, false), [[{ type: "vote.cast", noteId: "n1" }, alice]]);
    expect(applyCommand(noStack, { type: "vote.cast", noteId: "n1" }, alice, T0)).toMatchObject({ ok: false });
    const stack = run(open(3, true), [
      [{ type: "vote.cast", noteId: "n1" }, alice],
      [{ type: "vote.cast", noteId: "n1" }, alice],
      [{ type: "vote.cast", noteId: "n1" }, alice],
    ]);
    expect(viewFor(stack, "alice", "editor", T0).vote?.myBallot).toEqual({ n1: 3 });
    expect(applyCommand(stack, { type: "vote.cast", noteId: "n1" }, alice, T0)).toMatchObject({ reason: "limit" });
  });

  it("retracting frees a vote; notes outside the target are refused", () => {
    let s = run(open(1, false), [[{ type: "vote.cast", noteId: "n1" }, alice], [{ type: "vote.retract", noteId: "n1" }, alice]]);
    expect(viewFor(s, "alice", "editor", T0).vote?.remaining).toBe(1);
    expect(applyCommand(s, { type: "vote.retract", noteId: "n1" }, alice, T0)).toMatchObject({ reason: "not-found" });
    expect(applyCommand(s, { type: "vote.cast", noteId: "elsewhere" }, alice, T0)).toMatchObject({ reason: "not-found" });
    s = run(s, [[{ type: "vote.cast", noteId: "n2" }, alice]]);
    expect(viewFor(s, "alice", "editor", T0).vote?.myBallot).toEqual({ n2: 1 });
  });

  it("hides others' ballots and totals until reveal, then ranks without voter identities", () => {
    let s = run(open(3, true), [
      [{ type: "vote.cast", noteId: "n1" }, alice],
      [{ type: "vote.cast", noteId: "n2" }, alice],
      [{ type: "vote.cast", noteId: "n2" }, bob],
      [{ type: "vote.cast", noteId: "n2" }, bob],
      [{ type: "vote.cast", noteId: "n3" }, bob],
    ]);
    const before = JSON.stringify(viewFor(s, "alice", "editor", T0));
    expect(before).not.toContain("bob");
    expect(viewFor(s, "alice", "editor", T0).vote?.results).toBeNull();
    expect(viewFor(s, "fac", "facilitator", T0).vote).toMatchObject({ results: null, voters: 2 });
    s = run(s, [[{ type: "vote.close" }, fac]]);
    expect(applyCommand(s, { type: "vote.cast", noteId: "n4" }, alice, T0)).toMatchObject({ reason: "conflict" });
    s = run(s, [[{ type: "vote.reveal" }, fac]]);
    const after = viewFor(s, "alice", "editor", T0);
    expect(after.vote?.results).toEqual([
      { noteId: "n2", votes: 3 },
      { noteId: "n1", votes: 1 },
      { noteId: "n3", votes: 1 },
    ]);
    expect(JSON.stringify(after)).not.toContain("bob");
    expect(after.voteResults).toHaveLength(1);
  });

  it("opens on a frame through the board context, and refuses an empty target", () => {
    const board: BoardContext = {
      notesIn: (t) => (t.kind === "frame" && t.frameId === "matrix" ? ["a", "b"] : []),
      isScorecard: () => null,
    };
    const s = must(
      applyCommand(initialState(), { type: "vote.open", target: { kind: "frame", frameId: "matrix" }, votesPerPerson: 2, allowStacking: true }, fac, T0, board),
    ).state;
    expect(s.vote?.noteIds).toEqual(["a", "b"]);
    const empty = applyCommand(initialState(), { type: "vote.open", target: { kind: "frame", frameId: "x" }, votesPerPerson: 2, allowStacking: true }, fac, T0, board);
    expect(empty).toMatchObject({ ok: false, reason: "conflict" });
  });
});

describe("private brainstorm", () => {
  const note = (id: string, text = "secret") => ({ id, type: "text", text });

  it("holds each author's notes, shows them only to the author, inserts them on reveal", () => {
    let s = run(initialState(), [[{ type: "brainstorm.start" }, fac]]);
    s = run(s, [
      [{ type: "brainstorm.put", element: note("a1", "alice idea") }, alice],
      [{ type: "brainstorm.put", element: note("b1", "bob idea") }, bob],
      [{ type: "brainstorm.put", element: note("a1", "alice idea v2") }, alice],
    ]);
    expect(viewFor(s, "alice", "editor", T0).brainstorm.mine).toEqual([note("a1", "alice idea v2")]);
    expect(JSON.stringify(viewFor(s, "bob", "editor", T0))).not.toContain("alice idea");
    const facView = viewFor(s, "fac", "facilitator", T0);
    expect(JSON.stringify(facView)).not.toContain("idea");
    expect(facView.brainstorm.heldCount).toBe(2);
    const revealed = must(applyCommand(s, { type: "brainstorm.reveal" }, fac, T0));
    expect(revealed.state.brainstorm).toEqual({ on: false, held: {} });
    expect(revealed.effects).toEqual([{ kind: "insert-elements", elements: [note("a1", "alice idea v2"), note("b1", "bob idea")] }]);
  });

  it("refuses notes while off, another author's element id, and removal of others' notes", () => {
    expect(applyCommand(initialState(), { type: "brainstorm.put", element: note("x") }, alice, T0)).toMatchObject({ reason: "conflict" });
    const s = run(initialState(), [[{ type: "brainstorm.start" }, fac], [{ type: "brainstorm.put", element: note("a1") }, alice]]);
    expect(applyCommand(s, { type: "brainstorm.put", element: note("a1", "hijack") }, bob, T0)).toMatchObject({ reason: "conflict" });
    expect(applyCommand(s, { type: "brainstorm.remove", elementId: "a1" }, bob, T0)).toMatchObject({ reason: "not-found" });
    const removed = run(s, [[{ type: "brainstorm.remove", elementId: "a1" }, alice]]);
    expect(viewFor(removed, "alice", "editor", T0).brainstorm.mine).toEqual([]);
  });

  it("limits how much one author can hold", () => {
    let s = run(initialState(), [[{ type: "brainstorm.start" }, fac]]);
    for (let i = 0; i < 500; i++) s = must(applyCommand(s, { type: "brainstorm.put", element: note(`e${i}`) }, alice, T0)).state;
    expect(applyCommand(s, { type: "brainstorm.put", element: note("one-more") }, alice, T0)).toMatchObject({ reason: "limit" });
  });
});

describe("independent scoring", () => {
  it("hides scores until reveal, then flags disagreement and accepts the mean", () => {
    let s = run(initialState(), [[{ type: "scoring.open", target: { kind: "notes", noteIds: ["n1", "n2"] }, threshold: 2 }, fac]]);
    s = run(s, [
      [{ type: "scoring.submit", noteId: "n1", impact: 9, effort: 2 }, alice],
      [{ type: "scoring.submit", noteId: "n1", impact: 2, effort: 3 }, bob],
      [{ type: "scoring.submit", noteId: "n2", impact: 5, effort: 5 }, alice],
      [{ type: "scoring.submit", noteId: "n2", impact: 6, effort: 5 }, bob],
    ]);
    const aliceView = viewFor(s, "alice", "editor", T0);
    expect(aliceView.scoring?.mine).toEqual({ n1: { impact: 9, effort: 2 }, n2: { impact: 5, effort: 5 } });
    expect(aliceView.scoring?.results).toBeNull();
    expect(viewFor(s, "fac", "facilitator", T0).scoring).toMatchObject({ scorers: 2, results: null });
    expect(applyCommand(s, { type: "scoring.accept", noteId: "n1" }, fac, T0)).toMatchObject({ reason: "conflict" });
    s = run(s, [[{ type: "scoring.reveal" }, fac]]);
    expect(applyCommand(s, { type: "scoring.submit", noteId: "n1", impact: 1, effort: 1 }, alice, T0)).toMatchObject({ reason: "conflict" });
    const results = viewFor(s, "bob", "editor", T0).scoring?.results;
    expect(results).toEqual([
      { noteId: "n1", count: 2, meanImpact: 5.5, meanEffort: 2.5, spreadImpact: 3.5, spreadEffort: 0.5, discuss: true, accepted: false },
      { noteId: "n2", count: 2, meanImpact: 5.5, meanEffort: 5, spreadImpact: 0.5, spreadEffort: 0, discuss: false, accepted: false },
    ]);
    const accepted = must(applyCommand(s, { type: "scoring.accept", noteId: "n1" }, fac, T0));
    expect(accepted.effects).toEqual([{ kind: "move-note", noteId: "n1", impact: 5.5, effort: 2.5 }]);
    expect(viewFor(accepted.state, "bob", "editor", T0).scoring?.results?.[0]?.accepted).toBe(true);
  });

  it("a resubmission replaces the participant's earlier score", () => {
    const s = run(initialState(), [
      [{ type: "scoring.open", target: { kind: "board" } }, fac],
      [{ type: "scoring.submit", noteId: "n1", impact: 1, effort: 1 }, alice],
      [{ type: "scoring.submit", noteId: "n1", impact: 7, effort: 8 }, alice],
      [{ type: "scoring.reveal" }, fac],
    ]);
    expect(viewFor(s, "x", "viewer", T0).scoring?.results?.[0]).toMatchObject({ count: 1, meanImpact: 7, meanEffort: 8 });
  });
});

describe("focus, lock, ready", () => {
  it("summon is a one-shot effect; follow-me and spotlight are state", () => {
    const vp = { x: 100, y: -50, zoom: 1.5 };
    const summon = must(applyCommand(initialState(), { type: "focus.summon", viewport: vp }, fac, T0));
    expect(summon.effects).toEqual([{ kind: "summon", viewport: vp }]);
    const s = run(initialState(), [
      [{ type: "focus.follow", on: true, viewport: vp }, fac],
      [{ type: "focus.viewport", viewport: { ...vp, x: 0 } }, fac],
      [{ type: "focus.spotlight", frameId: "f1" }, fac],
    ]);
    expect(viewFor(s, "alice", "editor", T0).focus).toEqual({ followMe: true, viewport: { ...vp, x: 0 }, spotlightFrameId: "f1" });
  });

  it("locks the board in state and frames through a document effect", () => {
    const s = run(initialState(), [[{ type: "brainstorm.start" }, fac], [{ type: "lock.board", locked: true }, fac]]);
    expect(s.lock.board).toBe(true);
    const put = { type: "brainstorm.put", element: { id: "x1", type: "text" } } as const;
    expect(applyCommand(s, put, alice, T0)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(applyCommand(s, put, fac, T0)).toMatchObject({ ok: true });
    const frame = must(applyCommand(s, { type: "lock.frame", frameId: "f1", locked: true }, fac, T0));
    expect(frame.effects).toEqual([{ kind: "set-frame-locked", frameId: "f1", locked: true }]);
    expect(frame.state.lock.frames).toEqual(["f1"]);
    const unlocked = must(applyCommand(frame.state, { type: "lock.frame", frameId: "f1", locked: false }, fac, T0));
    expect(unlocked.state.lock.frames).toEqual([]);
  });

  it("ready check: participants mark done, only the facilitator sees who", () => {
    const s = run(initialState(), [
      [{ type: "ready.set", ready: true, name: "Alice" }, alice, T0],
      [{ type: "ready.set", ready: true, name: "Bob" }, bob, T0 + 1],
    ]);
    expect(viewFor(s, "alice", "editor", T0).ready).toEqual({ me: true, count: 2, who: null });
    expect(viewFor(s, "fac", "facilitator", T0).ready.who).toEqual([
      { name: "Alice", at: T0 },
      { name: "Bob", at: T0 + 1 },
    ]);
    expect(JSON.stringify(viewFor(s, "fac", "facilitator", T0))).not.toContain("alice");
    const undone = run(s, [[{ type: "ready.set", ready: false }, bob]]);
    expect(viewFor(undone, "bob", "editor", T0).ready).toMatchObject({ me: false, count: 1 });
    expect(run(s, [[{ type: "ready.clear" }, fac]]).ready).toEqual({});
  });
});

describe("agenda", () => {
  const steps = [
    { id: "s1", title: "Brainstorm", minutes: 10, privateMode: true, vote: null, focusFrameId: "f1" },
    { id: "s2", title: "Cluster", minutes: 15, privateMode: false, vote: null, focusFrameId: null },
    {
      id: "s3",
      title: "Vote",
      minutes: 5,
      privateMode: null,
      vote: { target: { kind: "board" as const }, votesPerPerson: 3, allowStacking: true },
      focusFrameId: null,
    },
  ];

  it("advancing applies each step's timer, private mode, vote and focus, and resets ready", () => {
    let s = run(initialState(), [[{ type: "agenda.set", steps }, fac], [{ type: "ready.set", ready: true }, alice]]);
    s = run(s, [[{ type: "agenda.next" }, fac, T0]]);
    expect(s.agenda.current).toBe(0);
    expect(s.ready).toEqual({});
    expect(s.brainstorm.on).toBe(true);
    expect(s.focus.spotlightFrameId).toBe("f1");
    expect(viewFor(s, "a", "editor", T0 + 1000).timer).toMatchObject({ status: "running", remainingMs: 599_000 });
    s = run(s, [[{ type: "brainstorm.put", element: { id: "p1", type: "text" } }, alice]]);
    const second = must(applyCommand(s, { type: "agenda.next" }, fac, T0 + 600_000));
    expect(second.effects).toEqual([{ kind: "insert-elements", elements: [{ id: "p1", type: "text" }] }]);
    expect(second.state.brainstorm.on).toBe(false);
    s = run(second.state, [[{ type: "agenda.next" }, fac, T0]]);
    expect(s.vote).toMatchObject({ status: "open", votesPerPerson: 3, allowStacking: true });
    expect(applyCommand(s, { type: "agenda.next" }, fac, T0)).toMatchObject({ ok: false, reason: "conflict" });
    expect(run(s, [[{ type: "agenda.goto", index: -1 }, fac]]).agenda.current).toBe(-1);
  });

  it("points steps at frames one by one: picks made before the next view arrives all stick", () => {
    // Each pick names only its step, so the second does not carry a stale copy of the first.
    let s = run(initialState(), [[{ type: "agenda.set", steps }, fac]]);
    s = run(s, [
      [{ type: "agenda.frame", stepId: steps[1]!.id, frameId: "swot" }, fac],
      [{ type: "agenda.frame", stepId: steps[2]!.id, frameId: "matrix" }, fac],
      [{ type: "agenda.frame", stepId: steps[0]!.id, frameId: null }, fac],
    ]);
    expect(s.agenda.steps.map((step) => step.focusFrameId)).toEqual([null, "swot", "matrix"]);
    expect(applyCommand(s, { type: "agenda.frame", stepId: "gone", frameId: "f1" }, fac, T0)).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("refuses duplicate step ids", () => {
    expect(applyCommand(initialState(), { type: "agenda.set", steps: [steps[0]!, steps[0]!] }, fac, T0)).toMatchObject({ ok: false });
  });
});

describe("persistence", () => {
  it("unreadable stored state starts fresh instead of failing", () => {
    expect(parseState({ version: 99 })).toEqual(initialState());
    expect(parseState(null)).toEqual(initialState());
  });

  it("a full state round-trips through JSON and validates", () => {
    const s = run(initialState(), [
      [{ type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: true }, fac],
      [{ type: "vote.cast", noteId: "n1" }, alice],
      [{ type: "brainstorm.start" }, fac],
      [{ type: "brainstorm.put", element: { id: "e1", type: "text", text: "x", x: 1 } }, alice],
      [{ type: "scoring.open", target: { kind: "board" } }, fac],
      [{ type: "scoring.submit", noteId: "n1", impact: 4, effort: 4 }, bob],
    ]);
    expect(parseState(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});
