import type { CommentAnchor } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";

const short = (text: string) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 32 ? `${line.slice(0, 31)}…` : line;
};

/**
 * What a thread is on, in words: "On the note “SSO”", "On the frame “SWOT”", "On the board".
 * Deleted elements count (Excalidraw keeps them): a thread on a deleted note still names it.
 */
export function placeLabel(scene: ExcalidrawScene | null, anchor: CommentAnchor): string {
  if (anchor.kind === "point") return "On the board";
  const elements = scene?.getElements() ?? [];
  const element = elements.find((e) => e.id === anchor.elementId);
  if (!element) return "On an item that was removed";
  if (element.type === "frame" || element.type === "magicframe") {
    return element.name ? `On the frame “${short(element.name)}”` : "On a frame";
  }
  if (element.type === "text") return `On the text “${short(element.text)}”`;
  const label = elements.find((e) => e.type === "text" && e.containerId === element.id);
  if (label && label.type === "text" && label.text.trim() !== "") return `On the note “${short(label.text)}”`;
  return `On a ${element.type}`;
}
