import type * as Y from "yjs";
import { z } from "zod";
import { type JsonObject, type NoteData, elementsMap, hasNoteData, notesMap, quadrantTag, readNoteData, updateNoteData } from "@quadrant/board-model";

/** Shapes whose bound text makes them a note (RULE 9); the text's author is the shape's. */
const CONTAINERS = new Set(["rectangle", "ellipse", "diamond"]);
/** A person holds at most a few hundred private notes (the server's cap); older ids are dropped first. */
const PENDING_MAX = 500;

/** Template chrome and theme frames carry a tag other than "note" (RULE 9). */
function isChrome(element: JsonObject): boolean {
  const tag = quadrantTag({ customData: element.customData as Record<string, unknown> | undefined });
  return tag !== null && tag.role !== "note";
}

/** Where the ids of held notes waiting for the reveal are kept across a reload. */
export interface PendingStore {
  load(): string[];
  save(ids: readonly string[]): void;
}

const StoredIds = z.array(z.string().max(100)).max(PENDING_MAX);

/** Per board in localStorage; unreadable or blocked storage keeps them for this page only. */
export function localPendingStore(boardId: string): PendingStore {
  const key = `quadrant.pendingAuthors.v1.${boardId}`;
  return {
    load() {
      try {
        const parsed = StoredIds.safeParse(JSON.parse(window.localStorage.getItem(key) ?? "[]"));
        return parsed.success ? parsed.data : [];
      } catch {
        return [];
      }
    },
    save(ids) {
      try {
        if (ids.length === 0) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, JSON.stringify(ids));
      } catch {
        // full or blocked storage: the ids live as long as this page
      }
    },
  };
}

/** The part of ControlChannel that lists this person's held elements. */
export interface HeldElementsSource {
  readonly view: { brainstorm: { mine: readonly JsonObject[] } } | null;
  onView(listener: (view: { brainstorm: { mine: readonly JsonObject[] } }) => void): () => void;
}

/**
 * Gives every note this person creates `NoteData.author` = their display name: notes the
 * panels add (quick note, carry: `stamp`), notes drawn or typed on the canvas (the element
 * binding writes their text to the document for the first time: a local add), and notes held
 * during a private brainstorm. A held note's author must not reach the document before the
 * reveal (it would tell everyone who wrote how many notes, and link each to its writer), so
 * its text's id waits here and the name is written when the revealed element arrives; the
 * ids survive a reload, so a person who was away during the reveal signs on their return.
 * Only the creator's browser writes the name: a remote add is signed only when it is pending here.
 */
export class NoteAuthors {
  private readonly pending: Set<string>;
  private readonly elements: Y.Map<JsonObject>;
  private readonly observer = (event: Y.YMapEvent<JsonObject>, txn: Y.Transaction): void => {
    const added: string[] = [];
    event.changes.keys.forEach((change, key) => {
      if (change.action === "add" && (txn.local || this.pending.has(key))) added.push(key);
    });
    if (added.length > 0 || this.pending.size > 0) this.sign(added);
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly name: string,
    private readonly store: PendingStore,
  ) {
    this.elements = elementsMap(doc);
    this.pending = new Set(store.load());
  }

  /** Follow the document; signs held notes already revealed while this page was away. */
  start(): void {
    this.elements.observe(this.observer);
    this.sign([]);
  }

  destroy(): void {
    this.elements.unobserve(this.observer);
  }

  /** Note data for a note written now (not held): the creator's name unless it already has an author (a carried note keeps its source's). */
  stamp(data: NoteData): NoteData {
    return data.author ? data : { ...data, author: this.name };
  }

  /** Elements held during a private brainstorm: their notes are signed once they are revealed. */
  hold(elements: readonly JsonObject[]): void {
    const before = this.pending.size;
    for (const e of elements) if (e.type === "text" && typeof e.id === "string") this.pending.add(e.id);
    if (this.pending.size !== before) this.persist();
  }

  /** The server lists this person's held elements in every view (also those drawn on the canvas). */
  follow(source: HeldElementsSource): () => void {
    if (source.view) this.hold(source.view.brainstorm.mine);
    return source.onView((view) => this.hold(view.brainstorm.mine));
  }

  private sign(added: readonly string[]): void {
    const ids = new Set(added);
    for (const id of this.pending) if (this.elements.has(id)) ids.add(id);
    if (ids.size === 0) return;
    const notes = [...ids].flatMap((id) => {
      const note = this.noteOf(id);
      return note ? [note] : [];
    });
    this.doc.transact(() => {
      for (const noteId of new Set(notes)) {
        // Malformed data is left for its writer to fix rather than replaced by just a name.
        if (notesMap(this.doc).has(noteId) && !hasNoteData(this.doc, noteId)) continue;
        if (readNoteData(this.doc, noteId).author === undefined) updateNoteData(this.doc, noteId, { author: this.name });
      }
    });
    let changed = false;
    for (const id of ids) changed = this.pending.delete(id) || changed;
    if (changed) this.persist();
  }

  /** The note a new text element makes (RULE 9): itself when free, its container when that is a shape; chrome is never a note. */
  private noteOf(textId: string): string | null {
    const text = this.elements.get(textId);
    if (!text || text.type !== "text" || text.isDeleted === true || isChrome(text)) return null;
    if (typeof text.containerId !== "string") return textId;
    const container = this.elements.get(text.containerId);
    if (!container || !CONTAINERS.has(String(container.type)) || isChrome(container)) return null;
    return text.containerId;
  }

  private persist(): void {
    this.store.save([...this.pending].slice(-PENDING_MAX));
  }
}
