import type { CommentAnchor } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { noteLabel } from "../facilitation/sceneHelpers";

const short = (text: string) => (text.length > 32 ? `${text.slice(0, 31)}…` : text);

/** What a thread is on, in words: "On the note “SSO”", "On the frame “SWOT”", "On the board". */
export function placeLabel(scene: ExcalidrawScene | null, anchor: CommentAnchor): string {
  if (anchor.kind === "point") return "On the board";
  const element = scene?.getElements().find((e) => e.id === anchor.elementId);
  if (!element) return "On an item that was removed";
  if (element.type === "frame" || element.type === "magicframe") {
    return element.name ? `On the frame “${short(element.name)}”` : "On a frame";
  }
  const hasLabel = element.type === "text" || (element.boundElements ?? []).some((b) => b.type === "text");
  if (hasLabel) return `On ${element.type === "text" ? "the text" : "the note"} “${short(noteLabel(scene, element.id))}”`;
  return `On a ${element.type}`;
}
