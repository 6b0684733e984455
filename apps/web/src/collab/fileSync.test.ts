import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { filesMap } from "@quadrant/board-model";
import { FileSync, dataUrlBytes, type FilePort, type StoredFile } from "./fileSync";

class TestFiles implements FilePort {
  files: Record<string, StoredFile> = {};
  rejected: string[] = [];
  getFiles() {
    return this.files;
  }
  addFiles(files: readonly StoredFile[]) {
    for (const f of files) this.files[f.id] = f;
  }
  rejectTooLarge(id: string) {
    this.rejected.push(id);
  }
}

function image(id: string, bytes: number): StoredFile {
  return { id, mimeType: "image/png", dataURL: `data:image/png;base64,${"A".repeat(Math.ceil((bytes * 4) / 3))}`, created: 1 };
}

describe("FileSync", () => {
  it("keeps a file back while it is not shareable (its image is a held private note) and sends it once it is", () => {
    const doc = new Y.Doc();
    const files = new TestFiles();
    let shown = false;
    const sync = new FileSync(filesMap(doc), files, true, undefined, () => shown);
    sync.start();
    files.files.img = image("img", 100);
    sync.onLocalChange();
    expect(filesMap(doc).has("img")).toBe(false);
    shown = true;
    sync.onLocalChange();
    expect(filesMap(doc).get("img")?.mimeType).toBe("image/png");
  });

  it("sends each file once and the other side receives it", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const writes: Uint8Array[] = [];
    a.on("update", (u: Uint8Array) => writes.push(u));
    b.on("update", (u: Uint8Array, origin: unknown) => {
      if (origin !== "net") Y.applyUpdate(a, u, "net");
    });
    const fa = new TestFiles();
    const fb = new TestFiles();
    const syncB = new FileSync(filesMap(b), fb, true);
    syncB.start();
    fa.files.img = image("img", 1000);
    const sa = new FileSync(filesMap(a), fa, true);
    sa.start();
    sa.onLocalChange();
    sa.onLocalChange();
    expect(writes).toHaveLength(1);
    Y.applyUpdate(b, writes[0] as Uint8Array, "net");
    expect(fb.files.img?.dataURL).toBe(fa.files.img.dataURL);
  });

  it("refuses a file over the limit with one message and does not store it", () => {
    const doc = new Y.Doc();
    const port = new TestFiles();
    const sync = new FileSync(filesMap(doc), port, true, 10_000);
    sync.start();
    port.files.big = image("big", 20_000);
    sync.onLocalChange();
    sync.onLocalChange();
    expect(port.rejected).toEqual(["big"]);
    expect(filesMap(doc).has("big")).toBe(false);
  });

  it("computes the decoded size of a data URL", () => {
    expect(dataUrlBytes("data:text/plain;base64,aGVsbG8=")).toBe(5);
  });
});
