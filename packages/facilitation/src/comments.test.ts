import { describe, expect, it } from "vitest";
import { type Command, applyCommand, exportedThreads, initialState, parseState, viewFor } from "./index";
import { T0, alice, bob, fac, must, run, vic } from "./test-actors";
import type { FacilitationState } from "./state";

const onNote = { kind: "element", elementId: "note1", dx: 90, dy: -5, x: 190, y: 95 } as const;

function named(): FacilitationState {
  return run(initialState(), [
    [{ type: "presence.hello", name: "Fran" }, fac],
    [{ type: "presence.hello", name: "Alice" }, alice],
    [{ type: "presence.hello", name: "Bob" }, bob],
    [{ type: "presence.hello", name: "Vic" }, vic],
  ]);
}

const start = (threadId: string, text: string, extra: Partial<Extract<Command, { type: "comment.start" }>> = {}): Command => ({
  type: "comment.start",
  threadId,
  messageId: `${threadId}-m1`,
  anchor: onNote,
  text,
  ...extra,
});

const threadsOf = (s: FacilitationState, who: typeof alice) => viewFor(s, who.participantId, who.role, T0).comments.threads;

describe("comments", () => {
  it("a thread with replies, resolved and reopened, as every participant sees it", () => {
    let s = run(named(), [
      [start("t1", "Why is this a Quick Win?"), alice, T0 + 1],
      [{ type: "comment.reply", threadId: "t1", messageId: "r1", text: "@Alice effort is low", mentions: ["Alice"] }, bob, T0 + 2],
    ]);
    const forAlice = threadsOf(s, alice)[0]!;
    expect(forAlice.messages.map((m) => [m.author, m.text, m.mine])).toEqual([
      ["Alice", "Why is this a Quick Win?", true],
      ["Bob", "@Alice effort is low", false],
    ]);
    expect(forAlice.messages[1]).toMatchObject({ mentions: ["Alice"], mentionsMe: true });
    expect(forAlice).toMatchObject({ unread: 1, mentionsMe: true });
    s = run(s, [[{ type: "comment.resolve", threadId: "t1", resolved: true }, fac, T0 + 3]]);
    expect(threadsOf(s, bob)[0]!.resolved).toEqual({ by: "Fran", at: T0 + 3 });
    expect(applyCommand(s, { type: "comment.resolve", threadId: "t1", resolved: true }, bob, T0)).toMatchObject({ ok: false, reason: "conflict" });
    s = run(s, [[{ type: "comment.resolve", threadId: "t1", resolved: false }, bob, T0 + 4]]);
    expect(threadsOf(s, fac)[0]!.resolved).toBeNull();
    // Stored mentions are participant ids; views carry only names.
    expect(s.comments.threads[0]!.messages[1]!.mentions).toEqual([alice.participantId]);
    expect(JSON.stringify(viewFor(s, fac.participantId, "facilitator", T0))).not.toContain(`"${alice.participantId}"`);
  });

  it("unread: others' messages after my read marker; my own never; reading clears it", () => {
    let s = run(named(), [
      [start("t1", "first"), alice, T0 + 1],
      [{ type: "comment.reply", threadId: "t1", messageId: "r1", text: "second" }, bob, T0 + 2],
    ]);
    expect(viewFor(s, fac.participantId, "facilitator", T0).comments.unread).toBe(2);
    expect(viewFor(s, alice.participantId, "editor", T0).comments.unread).toBe(1);
    expect(viewFor(s, bob.participantId, "editor", T0).comments.unread).toBe(0);
    s = run(s, [[{ type: "comment.read", threadId: "t1" }, fac, T0 + 3]]);
    expect(viewFor(s, fac.participantId, "facilitator", T0).comments.unread).toBe(0);
    s = run(s, [[{ type: "comment.reply", threadId: "t1", messageId: "r2", text: "third" }, alice, T0 + 4]]);
    expect(viewFor(s, fac.participantId, "facilitator", T0).comments.unread).toBe(1);
    // The marker is stored state: it survives a restart (parse of the persisted JSON).
    expect(viewFor(parseState(JSON.parse(JSON.stringify(s))), fac.participantId, "facilitator", T0).comments.unread).toBe(1);
  });

  it("viewers comment by default; the facilitator can turn it off, and then they are refused (but still read)", () => {
    let s = run(named(), [[start("t1", "A viewer asks"), vic]]);
    s = run(s, [[{ type: "comment.settings", viewersMayComment: false }, fac]]);
    expect(applyCommand(s, start("t2", "again"), vic, T0)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(applyCommand(s, { type: "comment.reply", threadId: "t1", messageId: "x", text: "hi" }, vic, T0)).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    expect(applyCommand(s, { type: "comment.settings", viewersMayComment: true }, alice, T0)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(viewFor(s, vic.participantId, "viewer", T0).comments).toMatchObject({ mayComment: false, threads: [{ id: "t1" }] });
    must(applyCommand(s, start("t3", "editors still may"), alice, T0));
  });

  it("a comment written in private mode is held: only its author sees it, nowhere else, until the reveal", () => {
    let s = run(named(), [
      [start("pub", "public before"), alice, T0],
      [{ type: "brainstorm.start" }, fac, T0 + 1],
      [start("secret", "HELD-COMMENT"), alice, T0 + 2],
      [{ type: "comment.reply", threadId: "pub", messageId: "held-reply", text: "HELD-REPLY" }, bob, T0 + 3],
    ]);
    for (const other of [fac, vic]) {
      const json = JSON.stringify(viewFor(s, other.participantId, other.role, T0));
      expect(json).not.toContain("HELD-COMMENT");
      expect(json).not.toContain("HELD-REPLY");
      expect(json).not.toContain("secret");
    }
    expect(viewFor(s, fac.participantId, "facilitator", T0).comments.unread).toBe(1);
    expect(threadsOf(s, alice).map((t) => t.id)).toEqual(["pub", "secret"]);
    expect(threadsOf(s, alice)[1]!.messages[0]!.held).toBe(true);
    // Invisible threads cannot be probed: not found, like a thread that does not exist.
    expect(applyCommand(s, { type: "comment.reply", threadId: "secret", messageId: "z", text: "x" }, bob, T0)).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    expect(JSON.stringify(exportedThreads(s, true))).not.toContain("HELD");
    // A shared comment cannot change during private mode (the edit would show).
    expect(applyCommand(s, { type: "comment.edit", threadId: "pub", messageId: "pub-m1", text: "changed" }, alice, T0)).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    s = run(s, [[{ type: "brainstorm.reveal" }, fac, T0 + 10]]);
    const revealed = JSON.stringify(viewFor(s, fac.participantId, "facilitator", T0));
    expect(revealed).toContain("HELD-COMMENT");
    expect(revealed).toContain("HELD-REPLY");
    expect(viewFor(s, fac.participantId, "facilitator", T0).comments.unread).toBe(3);
    expect(exportedThreads(s, false).map((t) => t.messages.map((m) => m.text))).toEqual([["public before", "HELD-REPLY"], ["HELD-COMMENT"]]);
  });

  it("edit and delete: own messages only (the facilitator may delete any); the last message takes the thread", () => {
    let s = run(named(), [
      [start("t1", "typo hre"), alice],
      [{ type: "comment.reply", threadId: "t1", messageId: "r1", text: "reply" }, bob],
    ]);
    expect(applyCommand(s, { type: "comment.edit", threadId: "t1", messageId: "t1-m1", text: "hack" }, bob, T0)).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    s = run(s, [[{ type: "comment.edit", threadId: "t1", messageId: "t1-m1", text: "typo here" }, alice, T0 + 5]]);
    expect(threadsOf(s, bob)[0]!.messages[0]).toMatchObject({ text: "typo here", editedAt: T0 + 5 });
    expect(applyCommand(s, { type: "comment.delete", threadId: "t1", messageId: "r1" }, alice, T0)).toMatchObject({ ok: false, reason: "forbidden" });
    s = run(s, [
      [{ type: "comment.delete", threadId: "t1", messageId: "r1" }, fac],
      [{ type: "comment.read", threadId: "t1" }, bob],
      [{ type: "comment.delete", threadId: "t1", messageId: "t1-m1" }, alice],
    ]);
    expect(s.comments.threads).toEqual([]);
    expect(s.comments.read[bob.participantId]).toEqual({});
  });

  it("bounds: mentions of unknown names, text length, messages per thread, duplicate ids", () => {
    const s = run(named(), [[start("t1", "hello"), alice]]);
    const unknown = applyCommand(s, start("t2", "@Zed hi", { mentions: ["Zed"] }), alice, T0);
    expect(unknown).toMatchObject({ ok: false, reason: "not-found" });
    expect(!unknown.ok && unknown.message).toContain('nobody called "Zed"');
    expect(applyCommand(s, start("t1", "again"), bob, T0)).toMatchObject({ ok: false, reason: "conflict" });
    let full = s;
    for (let i = 1; i < 100; i++) full = run(full, [[{ type: "comment.reply", threadId: "t1", messageId: `r${i}`, text: "x" }, bob]]);
    const over = applyCommand(full, { type: "comment.reply", threadId: "t1", messageId: "r100", text: "x" }, bob, T0);
    expect(over).toMatchObject({ ok: false, reason: "limit" });
  });

  it("@mention names: the whole roster for the facilitator only; others get the names in the threads they see", () => {
    const s = run(named(), [[start("t1", "@Bob what do you think?", { mentions: ["Bob"] }), alice]]);
    expect(viewFor(s, fac.participantId, "facilitator", T0).comments.people).toEqual(["Alice", "Bob", "Fran", "Vic"]);
    expect(viewFor(s, vic.participantId, "viewer", T0).comments.people).toEqual(["Alice", "Bob"]);
    expect(JSON.stringify(viewFor(s, vic.participantId, "viewer", T0))).not.toContain("Fran");
  });

  it("a state stored before comments existed still parses, with comments allowed for viewers", () => {
    const { comments: _comments, ...old } = initialState();
    const parsed = parseState(JSON.parse(JSON.stringify({ ...old, timerRun: 7 })));
    expect(parsed.timerRun).toBe(7);
    expect(parsed.comments).toEqual({ viewersMayComment: true, threads: [], read: {} });
  });
});
