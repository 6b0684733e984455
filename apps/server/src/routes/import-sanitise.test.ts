import { describe, expect, it } from "vitest";
import { elementsMap, filesMap } from "@quadrant/board-model";
import { BoardImported } from "@quadrant/protocol";
import { createBoard } from "../../test-support/create-board";
import { stockClient } from "../../test-support/stock-client";
import { suiteServer } from "../../test-support/suite-server";

/** RULES 20–22 through the route: what a hostile backup carries never reaches the new board. */

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

describe("POST /api/boards/import sanitises", () => {
  const suite = suiteServer();

  it("drops script links, unsafe embeds, generated HTML, non-raster files and absurd elements; keeps the rest", async () => {
    const source = await createBoard(suite.server.url, "blank", "Hostile <script>alert(1)</script>");
    const exported = await fetch(`${suite.server.url}/api/boards/${source.id}/export?format=json`, { headers: { authorization: `Bearer ${source.tokens.editor}` } });
    const backup = (await exported.json()) as Record<string, unknown>;
    const shape = { type: "rectangle", x: 0, y: 0, width: 100, height: 100 };
    backup["elements"] = {
      js: { ...shape, id: "js", link: "javascript:alert(document.cookie)" },
      data: { ...shape, id: "data", link: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" },
      vb: { ...shape, id: "vb", link: "\u0000 vbscript:msgbox(1)" },
      ok: { ...shape, id: "ok", link: "https://example.com/doc" },
      embed: { ...shape, id: "embed", type: "embeddable", link: "http://example.com" },
      frame: { ...shape, id: "frame", type: "iframe", customData: { generationData: { status: "done", html: "<script>alert(1)</script>" } } },
      huge: { ...shape, id: "huge", width: 1e12 },
      image: { ...shape, id: "image", type: "image", fileId: "svg" },
    };
    backup["files"] = {
      png: { id: "png", mimeType: "image/png", dataURL: PNG, created: 1 },
      svg: { id: "svg", mimeType: "image/svg+xml", dataURL: `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')}`, created: 1 },
      exe: { id: "exe", mimeType: "application/x-msdownload", dataURL: "data:application/x-msdownload;base64,TVqQAAMAAAAEAAAA", created: 1 },
    };
    const response = await fetch(`${suite.server.url}/api/boards/import`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(backup) });
    expect(response.status).toBe(201);
    const imported = BoardImported.parse(await response.json());
    expect(imported.dropped).toEqual([
      "elements.js.link: unsafe link removed",
      "elements.data.link: unsafe link removed",
      "elements.vb.link: unsafe link removed",
      "elements.embed.link: unsafe link removed",
      "elements.huge: size beyond 1000000",
      "files.svg: not a raster image (image/svg+xml)",
      "files.exe: not a raster image (application/x-msdownload)",
    ]);

    const reader = stockClient(suite.server.wsUrl, imported.id, imported.tokens.viewer);
    suite.track(reader);
    await reader.synced();
    const elements = Object.fromEntries([...elementsMap(reader.doc).entries()].map(([id, e]) => [id, e as Record<string, unknown>]));
    expect(Object.keys(elements).sort()).toEqual(["data", "embed", "frame", "image", "js", "ok", "vb"]);
    expect(["js", "data", "vb", "ok", "embed"].map((id) => elements[id]?.["link"])).toEqual([null, null, null, "https://example.com/doc", null]);
    expect(elements["frame"]?.["customData"]).toEqual({});
    expect([...filesMap(reader.doc).keys()]).toEqual(["png"]);
  });

  it("still refuses a backup with a wrongly typed field (400 naming it)", async () => {
    const response = await fetch(`${suite.server.url}/api/boards/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ format: "quadrant-board", version: 1, exportedAt: "x", board: { title: "t", template: "blank" }, elements: {}, files: { f: { id: "f", mimeType: 5, dataURL: PNG, created: 1 } }, templates: {}, notes: {}, records: {} }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/files\.f\.mimeType/);
  });
});
