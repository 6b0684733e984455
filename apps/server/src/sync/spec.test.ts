import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * SPEC.md numbers the sync rules (SS1, SS2, …) and the tests cite them. This
 * keeps the two in step: every rule is cited by at least one test, and no test
 * cites a rule that does not exist (a renumbering would otherwise leave stale citations).
 */
const srcDir = path.resolve(import.meta.dirname, "..");
const CITATION = /\bSS\d+[a-z]?\b/g;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith(".test.ts") && full !== import.meta.filename ? [full] : [];
  });
}

const rules = [...readFileSync(path.join(import.meta.dirname, "SPEC.md"), "utf8").matchAll(/^- \*\*(SS\d+[a-z]?) /gm)].map((m) => m[1]!);
const citedBy = new Map<string, string[]>();
for (const file of testFiles(srcDir)) {
  for (const id of new Set(readFileSync(file, "utf8").match(CITATION) ?? [])) {
    citedBy.set(id, [...(citedBy.get(id) ?? []), path.relative(srcDir, file)]);
  }
}

describe("sync/SPEC.md", () => {
  it("numbers its rules", () => {
    expect(rules.length).toBeGreaterThan(10);
    expect(new Set(rules).size).toBe(rules.length);
  });

  it("every rule is cited by at least one test", () => {
    expect(rules.filter((id) => !citedBy.has(id))).toEqual([]);
  });

  it("every rule a test cites exists", () => {
    expect([...citedBy].filter(([id]) => !rules.includes(id))).toEqual([]);
  });
});
