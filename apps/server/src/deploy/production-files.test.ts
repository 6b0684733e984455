import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Test scaffolding lives in apps/server/test-support, outside src, and the image
 * leaves it out (Dockerfile.dockerignore). Production code importing it would
 * then fail only in the container, so this checks the boundary where it is cheap.
 */
const serverDir = path.resolve(import.meta.dirname, "../..");

function productionSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return productionSources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("production files", () => {
  it("no production source imports test-support or vitest", () => {
    const offenders = productionSources(path.join(serverDir, "src")).filter((file) =>
      /from "(?:[./]+\/test-support\/[^"]*|vitest)"/.test(readFileSync(file, "utf8")),
    );
    expect(offenders.map((file) => path.relative(serverDir, file))).toEqual([]);
  });

  it("the image leaves out test-support and the tests", () => {
    const ignored = readFileSync(path.join(serverDir, "Dockerfile.dockerignore"), "utf8").split("\n");
    expect(ignored).toContain("apps/server/test-support");
    expect(ignored).toContain("apps/server/src/**/*.test.ts");
  });
});
