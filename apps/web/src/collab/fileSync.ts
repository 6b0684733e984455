import * as Y from "yjs";
import { z } from "zod";
import type { JsonObject } from "@quadrant/board-model";

/** One binary file (an image) as stored under `filesMap(doc)`, keyed by its id. */
export const StoredFile = z.object({
  id: z.string().min(1),
  mimeType: z.string().min(1),
  dataURL: z.string().startsWith("data:"),
  created: z.number(),
});
export type StoredFile = z.infer<typeof StoredFile>;

/** 2 MB of file content: a base64 data URL of an image at most this large is accepted. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface FilePort {
  /** Files the canvas currently holds, by id. */
  getFiles(): Readonly<Record<string, { id: string; mimeType: string; dataURL: string; created: number }>>;
  addFiles(files: readonly StoredFile[]): void;
  /** Called once per file refused for its size (show a message, drop the image). */
  rejectTooLarge(id: string, bytes: number): void;
}

/** Decoded size of a base64 data URL without decoding it. */
export function dataUrlBytes(dataURL: string): number {
  const comma = dataURL.indexOf(",");
  const payload = comma >= 0 ? dataURL.slice(comma + 1) : dataURL;
  const padding = payload.endsWith("==") ? 2 : payload.endsWith("=") ? 1 : 0;
  return Math.floor((payload.length * 3) / 4) - padding;
}

/**
 * Files are immutable in Excalidraw (a new image gets a new id), so each is
 * written once and never diffed: `seen` remembers ids already handled.
 */
export class FileSync {
  private readonly seen = new Set<string>();
  private readonly origin = Symbol("file-sync");
  private readonly observer = (event: Y.YMapEvent<JsonObject>, txn: Y.Transaction): void => {
    if (txn.origin === this.origin) return;
    this.pull([...event.keysChanged]);
  };

  constructor(
    private readonly map: Y.Map<JsonObject>,
    private readonly port: FilePort,
    private readonly canWrite: boolean,
    private readonly maxBytes: number = MAX_FILE_BYTES,
    /**
     * Whether a file may be shared yet: during a private brainstorm an image's element is
     * held, so its bytes wait until the element is in the document (asked again on every change).
     */
    private readonly shareable: (fileId: string) => boolean = () => true,
  ) {}

  start(): void {
    this.map.observe(this.observer);
    this.pull([...this.map.keys()]);
    this.onLocalChange();
  }

  onLocalChange(): void {
    if (!this.canWrite) return;
    const fresh: StoredFile[] = [];
    for (const file of Object.values(this.port.getFiles())) {
      if (this.seen.has(file.id) || !this.shareable(file.id)) continue;
      this.seen.add(file.id);
      if (this.map.has(file.id)) continue;
      const bytes = dataUrlBytes(file.dataURL);
      if (bytes > this.maxBytes) {
        this.port.rejectTooLarge(file.id, bytes);
        continue;
      }
      fresh.push({ id: file.id, mimeType: file.mimeType, dataURL: file.dataURL, created: file.created });
    }
    if (fresh.length === 0) return;
    this.map.doc?.transact(() => {
      for (const file of fresh) this.map.set(file.id, { ...file });
    }, this.origin);
  }

  destroy(): void {
    this.map.unobserve(this.observer);
  }

  private pull(ids: readonly string[]): void {
    const incoming: StoredFile[] = [];
    for (const id of ids) {
      if (this.seen.has(id)) continue;
      const parsed = StoredFile.safeParse(this.map.get(id));
      if (!parsed.success || dataUrlBytes(parsed.data.dataURL) > this.maxBytes) continue;
      this.seen.add(id);
      incoming.push(parsed.data);
    }
    if (incoming.length > 0) this.port.addFiles(incoming);
  }
}
