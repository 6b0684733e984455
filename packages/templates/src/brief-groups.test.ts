import { describe, expect, it } from "vitest";
import type { GroupRoundResult } from "@quadrant/facilitation";
import { exportBoard } from "./export-board";
import type { ExportGroups } from "./brief-groups";
import { CSV_COLUMNS } from "./export-csv";
import { strategyBoard } from "./testing/fixture-board";

const exportedAt = new Date("2026-11-22T09:00:00Z");

function scoringResult(noteId: string): GroupRoundResult {
  return {
    roundId: 4,
    kind: "scoring",
    floor: 2,
    threshold: 3,
    measures: ["impact", "effort"],
    units: [
      { key: "g1", name: "Engineering" },
      { key: "other", name: "Other" },
    ],
    participation: [
      { key: "g1", name: "Engineering", count: 2 },
      { key: "g2", name: "Sales", count: 1 },
      { key: "none", name: "No group", count: 1 },
    ],
    merged: ["Sales"],
    items: [
      {
        id: noteId,
        cells: [
          { key: "g1", count: 2, means: [8.5, 8], spreads: [0.5, 0] },
          { key: "other", count: 2, means: [2.5, 2.5], spreads: [0.5, 0.5] },
        ],
        gap: 6,
        disagree: true,
        otherHidden: false,
      },
    ],
  };
}

function exportWith(format: "md" | "csv", groups?: ExportGroups): string {
  const { board, votes, participants } = strategyBoard();
  const out = exportBoard(format, { snapshot: board.snapshot, title: "Platform strategy 2027", template: "impact-effort", exportedAt, votes, participants, ...(groups ? { groups } : {}) });
  return out.body;
}

describe("results by group in the brief and the CSV", () => {
  const noteId = strategyBoard().ids.sso!;
  const groups: ExportGroups = {
    results: [scoringResult(noteId)],
    members: [
      { name: "Alice", group: "Engineering" },
      { name: "Bob", group: "Engineering" },
      { name: "Cara", group: "Sales" },
      { name: "Fran", group: null },
    ],
  };

  it("the brief has a table per revealed round, the floor, Other explained and who was in which group", () => {
    const md = exportWith("md", groups);
    expect(md).toContain("## Results by group");
    expect(md).toContain("### Impact / effort scoring (anonymity floor 2, disagreement above 3)");
    expect(md).toContain("- **Took part:** Engineering 2, Sales 1, No group 1");
    expect(md).toContain("- Other = Sales and anyone without a group (fewer than 2 took part, so not shown alone)");
    expect(md).toContain("| Item | Engineering | Other | Gap |");
    expect(md).toMatch(/\*\*\(groups disagree\)\*\* \| I 8\.5 ±0\.5 · E 8 ±0 \(2\) \| I 2\.5 ±0\.5 · E 2\.5 ±0\.5 \(2\) \| 6 \|/);
    expect(md).toContain("- **Engineering:** Alice, Bob");
    expect(md).toContain("- **Sales:** Cara");
    expect(md).toContain("- **No group:** Fran");
    // Before "Who took part", after the outcomes.
    expect(md.indexOf("## Results by group")).toBeLessThan(md.indexOf("## Who took part"));
  });

  it("the CSV gains columns per group only when there are results by group", () => {
    const plain = exportWith("csv");
    expect(exportWith("csv", { results: [], members: [] })).toBe(plain);
    expect(exportWith("md", { results: [], members: [] })).toBe(exportWith("md"));
    const csv = exportWith("csv", groups).replace(/^\uFEFF/, "").split("\r\n");
    expect(csv[0]).toBe(
      [...CSV_COLUMNS, "Engineering n (scoring)", "Engineering impact", "Engineering effort", "Other n (scoring)", "Other impact", "Other effort", "group gap (scoring)"].join(","),
    );
    const row = csv.find((line) => line.startsWith(`${noteId},`))!;
    expect(row.endsWith(",2,8.5,8,2,2.5,2.5,6")).toBe(true);
    const other = csv.find((line, i) => i > 0 && line !== "" && !line.startsWith(`${noteId},`))!;
    expect(other.endsWith(",,,,,,,")).toBe(true);
  });
});
