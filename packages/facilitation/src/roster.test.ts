import { describe, expect, it } from "vitest";
import { type Actor, Command, applyCommand, initialState, parseState, roster, viewFor } from "./index";
import { hello } from "./roster";
import { T0, alice, fac, vic } from "./test-actors";

function say(state: ReturnType<typeof initialState>, actor: Actor, name: string, now = T0) {
  const result = applyCommand(state, { type: "presence.hello", name }, actor, now);
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

describe("who took part (presence.hello)", () => {
  it("records name, the connection's role and when first seen; anyone may say hello", () => {
    let s = say(initialState(), fac, "Fran", T0);
    s = say(s, vic, "Victor", T0 + 1);
    s = say(s, alice, "Alice", T0 + 2);
    expect(s.participants).toEqual({
      // No group yet; `ref` is the facilitator's handle for assigning one (groups.ts), in order of arrival.
      fac: { name: "Fran", role: "facilitator", firstSeen: T0, group: null, groupBy: null, ref: 1 },
      vic: { name: "Victor", role: "viewer", firstSeen: T0 + 1, group: null, groupBy: null, ref: 2 },
      alice: { name: "Alice", role: "editor", firstSeen: T0 + 2, group: null, groupBy: null, ref: 3 },
    });
    expect(roster(s)).toEqual([
      { name: "Fran", role: "facilitator" },
      { name: "Victor", role: "viewer" },
      { name: "Alice", role: "editor" },
    ]);
  });

  it("a rename keeps when they arrived; a weaker link later does not demote them", () => {
    let s = say(initialState(), alice, "Alice", T0);
    s = say(s, alice, "Alice B.", T0 + 50);
    s = say(s, { ...alice, role: "viewer" }, "Alice B.", T0 + 60);
    expect(s.participants["alice"]).toMatchObject({ name: "Alice B.", role: "editor", firstSeen: T0 });
    s = say(s, { ...alice, role: "facilitator" }, "Alice B.", T0 + 70);
    expect(s.participants["alice"]?.role).toBe("facilitator");
  });

  it("one name on two devices is listed once, with its strongest role and first arrival", () => {
    let s = say(initialState(), { participantId: "phone", role: "viewer" }, "Sam", T0 + 5);
    s = say(s, { participantId: "laptop", role: "editor" }, "Sam", T0 + 9);
    s = say(s, alice, "Alice", T0 + 7);
    expect(roster(s)).toEqual([
      { name: "Sam", role: "editor" },
      { name: "Alice", role: "editor" },
    ]);
  });

  it("the name is checked: 1–80 characters after trimming, no control characters", () => {
    const parse = (name: unknown) => Command.safeParse({ type: "presence.hello", name });
    expect(parse("x".repeat(80)).success).toBe(true);
    expect(parse("x".repeat(81)).success).toBe(false);
    expect(parse("   ").success).toBe(false);
    expect(parse("Eve\u0007").success).toBe(false);
    expect(parse("Eve\nEvil").success).toBe(false);
    expect(parse(42).success).toBe(false);
    const parsed = parse("  Zoë  ");
    expect(parsed.success && parsed.data.type === "presence.hello" && parsed.data.name).toBe("Zoë");
  });

  it("only the facilitator's view carries the roster, by name and role, never an id", () => {
    let s = say(initialState(), fac, "Fran");
    s = say(s, alice, "Alice", T0 + 1);
    expect(viewFor(s, "alice", "editor", T0).participants).toBeNull();
    const facView = viewFor(s, "fac", "facilitator", T0);
    expect(facView.participants).toEqual({
      count: 2,
      who: [
        { name: "Fran", role: "facilitator" },
        { name: "Alice", role: "editor" },
      ],
    });
    expect(JSON.stringify(facView.participants)).not.toContain("alice");
  });

  it("limits how many people one board records", () => {
    let s = initialState();
    for (let i = 0; i < 3; i++) {
      const r = hello(s, `p${i}`, "editor", `P${i}`, T0, 3);
      if (!r.ok) throw new Error(r.message);
      s = r.state;
    }
    expect(hello(s, "p9", "editor", "late", T0, 3)).toMatchObject({ ok: false, reason: "limit" });
    expect(hello(s, "p1", "editor", "renamed", T0, 3)).toMatchObject({ ok: true });
  });
});

describe("control state stored before the rating round and the roster", () => {
  it("still parses (nothing lost), with no round and nobody recorded", () => {
    const withVote = applyCommand(
      initialState(),
      { type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: true },
      fac,
      T0,
    );
    if (!withVote.ok) throw new Error(withVote.message);
    const { rating: _rating, participants: _participants, ...older } = withVote.state;
    const restored = parseState(JSON.parse(JSON.stringify(older)));
    expect(restored.vote?.status).toBe("open");
    expect(restored.rating).toBeNull();
    expect(restored.participants).toEqual({});
  });
});
