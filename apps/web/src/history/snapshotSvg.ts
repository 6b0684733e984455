import { exportToSvg, restoreElements } from "@excalidraw/excalidraw";

type Elements = Parameters<typeof restoreElements>[0];
type Files = NonNullable<Parameters<typeof exportToSvg>[0]["files"]>;

/**
 * A snapshot's elements (Excalidraw JSON from the server) drawn as a static SVG, the same
 * renderer the image export uses. The only place the history panel touches Excalidraw.
 */
export async function snapshotSvg(elements: readonly Record<string, unknown>[], files: Record<string, Record<string, unknown>>): Promise<SVGSVGElement> {
  // Untrusted JSON until restoreElements has normalised it into Excalidraw's own types.
  const restored = restoreElements(elements as unknown as Elements, null);
  return exportToSvg({
    elements: restored,
    appState: { exportBackground: true, viewBackgroundColor: "#ffffff", exportWithDarkMode: false },
    files: files as unknown as Files,
    exportPadding: 24,
    // Drawn inside this page, whose fonts are loaded already: inlining them would subset the
    // fonts in a worker and fall back to code the content security policy forbids.
    skipInliningFonts: true,
  });
}
