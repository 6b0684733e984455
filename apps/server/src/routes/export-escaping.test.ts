import { describe, expect, it } from "vitest";
import { elementsMap } from "@quadrant/board-model";
import { buildStickyNote } from "@quadrant/templates";
import { createBoard } from "../../test-support/create-board";
import { stockClient } from "../../test-support/stock-client";
import { suiteServer } from "../../test-support/suite-server";
import { waitFor } from "../../test-support/wait-for";

/** RULES 17–18 end to end: what people type reaches exports escaped, and never a response header. */

const TITLE = `</script><img src=x onerror=alert(1)>"; filename="evil.html`;

describe("exports of hostile text through the server", () => {
  const suite = suiteServer();

  it("escapes the title and notes in the brief and the CSV; the download name stays a plain file name", async () => {
    const board = await createBoard(suite.server.url, "blank", TITLE);
    const editor = stockClient(suite.server.wsUrl, board.id, board.tokens.editor);
    suite.track(editor);
    await editor.synced();
    let n = 0;
    const ctx = { newId: () => `hostile-${++n}`, random: () => 0.5, now: 1 };
    editor.doc.transact(() => {
      for (const text of ["=HYPERLINK(\"http://evil.example\")", "# Heading\n| a | b |", "[x](javascript:alert(1))"]) {
        for (const e of buildStickyNote({ x: 100 * n, y: 0 }, text, {}, ctx).elements) elementsMap(editor.doc).set(String(e["id"]), e);
      }
    });
    const get = (format: string) => fetch(`${suite.server.url}/api/boards/${board.id}/export?format=${format}`, { headers: { authorization: `Bearer ${board.tokens.editor}` } });
    const csv = await waitFor(async () => {
      const text = await (await get("csv")).text();
      return text.includes("HYPERLINK") ? text : null;
    });
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).toContain(`"# Heading\n| a | b |"`);
    expect(csv).toContain("[x](javascript:alert(1))");

    const md = await get("md");
    expect(md.headers.get("content-disposition")).toBe('attachment; filename="scriptimg-srcx-onerroralert1-filenameevilhtml.md"');
    const brief = await md.text();
    expect(brief.split("\n")[0]).toBe(
      `# Strategy brief: &lt;/script&gt;&lt;img src=x onerror=alert\\(1\\)&gt;"; filename="evil.html`,
    );
    expect(brief).not.toMatch(/<|^# Heading|(?<!\\)\]\(/m);
  });

  it("echoes a hostile path only inside JSON", async () => {
    const response = await fetch(`${suite.server.url}/api/%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  });
});
