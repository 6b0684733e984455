import { exportToBlob, exportToSvg } from "@excalidraw/excalidraw";
import type { ExcalidrawScene } from "../collab/excalidrawScene";

/**
 * PNG and SVG of the whole board or of one frame, through Excalidraw's own exporters
 * (the SVG inlines the fonts it uses, so it renders the same anywhere).
 */
export async function exportImage(scene: ExcalidrawScene, format: "png" | "svg", frameId: string | null): Promise<Blob> {
  const elements = scene.api.getSceneElements();
  const frame = frameId ? elements.find((e) => e.id === frameId && (e.type === "frame" || e.type === "magicframe")) : undefined;
  const exportingFrame = frame && (frame.type === "frame" || frame.type === "magicframe") ? frame : null;
  const appState = { ...scene.api.getAppState(), exportBackground: true, exportWithDarkMode: false };
  const files = scene.api.getFiles();
  if (format === "png") {
    return exportToBlob({ elements, appState, files, exportingFrame, mimeType: "image/png", exportPadding: 16 });
  }
  const svg = await exportToSvg({ elements, appState, files, exportingFrame, exportPadding: 16 });
  return new Blob([svg.outerHTML], { type: "image/svg+xml" });
}
