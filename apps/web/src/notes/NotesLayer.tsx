import type * as Y from "yjs";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { ControlChannel } from "../facilitation/controlChannel";
import { useFacilitationView } from "../templates/useFacilitationView";
import { AuthorLegend } from "./AuthorLegend";
import { ToBePlacedMarks } from "./ToBePlacedMarks";
import { useFitOnEdit } from "./useFitOnEdit";
import { useRecolourOnDrop } from "./useRecolourOnDrop";
import "./notes.css";

/**
 * What notes show over the canvas on every screen: the "to be placed" marks (RULE 33) and,
 * while notes are coloured by author, the legend (RULE 36); and, for people who edit, stickies
 * refitted after their label is edited (RULE 35).
 */
export function NotesLayer({ scene, doc, control, canEdit }: { scene: ExcalidrawScene | null; doc: Y.Doc; control: ControlChannel; canEdit: boolean }) {
  const view = useFacilitationView({ control });
  useFitOnEdit(scene, canEdit);
  useRecolourOnDrop(scene, doc, view?.noteColours ?? "category", canEdit);
  return (
    <>
      <ToBePlacedMarks scene={scene} doc={doc} />
      {view?.noteColours === "author" && <AuthorLegend doc={doc} />}
    </>
  );
}
