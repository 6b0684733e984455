import { afterEach, describe, expect, it } from "vitest";
import { readRecord, readTemplate, writeRecord, writeTemplate } from "@quadrant/board-model";
import { FacilitationView } from "@quadrant/facilitation";
import { createBoard } from "../../test-support/create-board";
import { stockClient } from "../../test-support/stock-client";
import { suiteServer } from "../../test-support/suite-server";
import { waitFor } from "../../test-support/wait-for";
import { type ControlClient, controlClient } from "../../test-support/control-test-client";

const FAC = "facilitator-participant-0001";
const ALICE = "alice-participant-00000001";
const BOB = "bobby-participant-00000001";
const VIC = "viewer-participant-0000001";

describe("rating the technical health scorecard, and who took part, over raw sockets", () => {
  const suite = suiteServer();
  const controls: ControlClient[] = [];
  afterEach(() => {
    for (const client of controls.splice(0)) client.close();
  });
  async function connect(boardId: string, token: string, participant: string): Promise<ControlClient> {
    return controls[controls.push(await controlClient(suite.server.wsUrl, boardId, token, participant)) - 1]!;
  }

  /** A board with one scorecard whose security row already has evidence and impact written. */
  async function boardWithScorecard() {
    const board = await createBoard(suite.server.url);
    const writer = suite.track(stockClient(suite.server.wsUrl, board.id, board.tokens.facilitator));
    await writer.synced();
    writeTemplate(writer.doc, { id: "card", kind: "health-scorecard", frameId: "cardFrame", title: "Technical health", zones: [], createdAt: 1 });
    writeTemplate(writer.doc, { id: "swot", kind: "swot", frameId: "swotFrame", title: "SWOT", zones: [], createdAt: 1 });
    writeRecord(writer.doc, {
      kind: "health",
      id: "health:card:security",
      templateId: "card",
      dimension: "security",
      rating: 4,
      evidence: "EVIDENCE-KEPT-5521",
      impact: "IMPACT-KEPT-7730",
    });
    await waitFor(() => {
      const room = suite.server.app.rooms.get(board.id);
      return room && readTemplate(room.doc, "swot") ? room : null;
    });
    return { board, writer };
  }

  it("a viewer rates but cannot open, reveal or accept; a non-scorecard is refused", async () => {
    const { board } = await boardWithScorecard();
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    const viewer = await connect(board.id, board.tokens.viewer, VIC);
    expect(await viewer.send({ type: "rating.open", templateId: "card" })).toMatchObject({ type: "refused", reason: "forbidden" });
    expect(await facilitator.send({ type: "rating.open", templateId: "swot" })).toMatchObject({ type: "refused", reason: "not-found" });
    expect(await facilitator.send({ type: "rating.open", templateId: "card", threshold: 1 })).toMatchObject({ type: "view" });
    expect(await viewer.send({ type: "rating.submit", dimension: "team-health", rating: 2 })).toMatchObject({ type: "view" });
    expect((await viewer.waitForView((v) => v.rating?.mine["team-health"] === 2)).rating?.results).toBeNull();
    expect(await viewer.send({ type: "rating.reveal" })).toMatchObject({ type: "refused", reason: "forbidden" });
    await facilitator.send({ type: "rating.reveal" });
    await viewer.waitForView((v) => v.rating?.status === "revealed");
    expect(await viewer.send({ type: "rating.accept", dimension: "team-health" })).toMatchObject({ type: "refused", reason: "forbidden" });
    const room = suite.server.app.rooms.get(board.id)!;
    expect(readRecord(room.doc, "health:card:team-health")).toBeNull();
    // A rating out of range is refused as invalid (zod) before it reaches the reducer.
    viewer.sendRaw({ id: 99, command: { type: "rating.submit", dimension: "team-health", rating: 9 } });
    await waitFor(() => viewer.messages.some((m) => m.type === "refused" && m.reason === "invalid"));
  });

  it("no other socket's bytes carry a rating before the reveal; accept writes the rounded mean and keeps evidence and impact", async () => {
    const { board, writer } = await boardWithScorecard();
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    const alice = await connect(board.id, board.tokens.editor, ALICE);
    const bob = await connect(board.id, board.tokens.editor, BOB);
    const viewer = await connect(board.id, board.tokens.viewer, VIC);
    await facilitator.send({ type: "rating.open", templateId: "card", threshold: 1 });
    // Each person rates a dimension nobody else rates, so its name in JSON ("security") is the secret.
    await alice.send({ type: "rating.submit", dimension: "security", rating: 1 });
    await bob.send({ type: "rating.submit", dimension: "scalability", rating: 5 });
    await viewer.send({ type: "rating.submit", dimension: "team-health", rating: 4 });
    await alice.send({ type: "rating.submit", dimension: "reliability", rating: 2 });
    await bob.send({ type: "rating.submit", dimension: "reliability", rating: 5 });
    await waitFor(() => facilitator.latestView()?.rating?.raters === 3);
    expect(alice.latestView()?.rating?.mine).toEqual({ security: 1, reliability: 2 });

    const secretsOf: Record<string, string[]> = {
      alice: ['"scalability"', '"team-health"', BOB, VIC],
      bob: ['"security"', '"team-health"', ALICE, VIC],
      viewer: ['"security"', '"scalability"', ALICE, BOB],
      facilitator: ['"security"', '"scalability"', '"team-health"', '"reliability"', ALICE, BOB, VIC],
    };
    const clients = { alice, bob, viewer, facilitator };
    for (const [name, secrets] of Object.entries(secretsOf)) {
      const traffic = clients[name as keyof typeof clients].traffic();
      for (const secret of secrets) expect(traffic.includes(secret), `${secret} in ${name}'s traffic`).toBe(false);
    }
    const response = await fetch(`${suite.server.url}/api/boards/${board.id}/facilitation?token=${board.tokens.editor}&participant=${BOB}`);
    const fromRest = JSON.stringify(FacilitationView.parse(await response.json()));
    for (const secret of secretsOf["bob"]!) expect(fromRest.includes(secret), `${secret} over REST`).toBe(false);

    await facilitator.send({ type: "rating.reveal" });
    const revealed = await bob.waitForView((v) => v.rating?.status === "revealed");
    expect(revealed.rating?.results).toEqual([
      { dimension: "scalability", count: 1, mean: 5, spread: 0, rounded: 5, discuss: false, accepted: false },
      { dimension: "reliability", count: 2, mean: 3.5, spread: 1.5, rounded: 4, discuss: true, accepted: false },
      { dimension: "security", count: 1, mean: 1, spread: 0, rounded: 1, discuss: false, accepted: false },
      { dimension: "team-health", count: 1, mean: 4, spread: 0, rounded: 4, discuss: false, accepted: false },
    ]);
    // The search above could fail: after the reveal the dimensions are in everyone's bytes, the people still are not.
    expect(bob.traffic().includes('"security"')).toBe(true);
    for (const id of [ALICE, VIC]) expect(bob.traffic().includes(id)).toBe(false);

    await facilitator.send({ type: "rating.accept", dimension: "security" });
    await facilitator.send({ type: "rating.accept", dimension: "reliability" });
    await waitFor(() => readRecord(writer.doc, "health:card:reliability"));
    expect(readRecord(writer.doc, "health:card:security")).toEqual({
      kind: "health",
      id: "health:card:security",
      templateId: "card",
      dimension: "security",
      rating: 1,
      evidence: "EVIDENCE-KEPT-5521",
      impact: "IMPACT-KEPT-7730",
    });
    expect(readRecord(writer.doc, "health:card:reliability")).toMatchObject({ rating: 4, evidence: "", impact: "" });
    expect((await bob.waitForView((v) => v.rating?.results?.some((r) => r.accepted) === true)).rating?.results?.filter((r) => r.accepted).map((r) => r.dimension)).toEqual(
      ["reliability", "security"],
    );
  });

  it("who took part: each hello is recorded with the connection's role, shown to the facilitator only, and goes into the brief", async () => {
    const board = await createBoard(suite.server.url);
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    const alice = await connect(board.id, board.tokens.editor, ALICE);
    const viewer = await connect(board.id, board.tokens.viewer, VIC);
    await facilitator.send({ type: "presence.hello", name: "Fran Facilitator" });
    await alice.send({ type: "presence.hello", name: "Alice Editor" });
    // A role in the message is not part of the command: the frame is refused, the role cannot be claimed.
    // So is a name over 80 characters.
    viewer.sendRaw({ id: 7, command: { type: "presence.hello", name: "Vic", role: "facilitator" } });
    viewer.sendRaw({ id: 8, command: { type: "presence.hello", name: "x".repeat(81) } });
    await waitFor(() => viewer.messages.filter((m) => m.type === "refused" && m.reason === "invalid").length === 2);
    await viewer.send({ type: "presence.hello", name: "Vic Viewer" });
    const roster = await facilitator.waitForView((v) => v.participants?.count === 3);
    expect(roster.participants?.who).toEqual([
      { name: "Fran Facilitator", role: "facilitator" },
      { name: "Alice Editor", role: "editor" },
      { name: "Vic Viewer", role: "viewer" },
    ]);
    expect(alice.latestView()?.participants).toBeNull();
    expect(alice.traffic().includes("Vic Viewer")).toBe(false);
    expect(facilitator.traffic().includes(ALICE)).toBe(false);

    const brief = await fetch(`${suite.server.url}/api/boards/${board.id}/export?format=md&token=${board.tokens.facilitator}`);
    expect(brief.status).toBe(200);
    const body = await brief.text();
    for (const name of ["Fran Facilitator", "Alice Editor", "Vic Viewer"]) expect(body).toContain(name);
  });
});
