import { describe, expect, it } from "vitest";
import { readFolded, setFolded } from "./panelFolds";

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe("panel folds", () => {
  it("remembers folded sections across reads and unfolds them again", () => {
    const storage = memory();
    expect([...readFolded(storage)]).toEqual([]);
    setFolded("outline", true, storage);
    setFolded("swot", true, storage);
    expect([...readFolded(storage)].sort()).toEqual(["outline", "swot"]);
    setFolded("outline", false, storage);
    expect([...readFolded(storage)]).toEqual(["swot"]);
  });

  it("treats corrupt or foreign stored values as nothing folded", () => {
    expect([...readFolded(memory({ "quadrant.panelFolds.v1": "{not json" }))]).toEqual([]);
    expect([...readFolded(memory({ "quadrant.panelFolds.v1": JSON.stringify(["<script>"]) }))]).toEqual([]);
    expect([...readFolded(null)]).toEqual([]);
  });

  it("still folds on the page when storage refuses to write", () => {
    const full = { getItem: () => null, setItem: () => { throw new Error("quota"); } };
    expect([...setFolded("export", true, full)]).toEqual(["export"]);
  });
});
