/**
 * RULES 20–22: what an imported (or exported) backup may carry into a board.
 * Backups come from anywhere (a colleague, a chat, an attacker), so content
 * that could run script or hang a browser is dropped here, and each drop is
 * reported so the importer can be told.
 */

const SAFE_LINK = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

/** Browsers ignore leading control characters and spaces in a URL; so must every check. */
function trimUrl(url: string): string {
  return url.replace(/^[\u0000-\u0020]+/, "");
}

/**
 * RULE 20: links survive only as http(s), mailto, a same-site path or an anchor;
 * `javascript:`, `data:`, `vbscript:` and every other scheme become null.
 */
export function safeLink(link: string | null | undefined): string | null {
  if (link == null) return null;
  const trimmed = trimUrl(link);
  return SAFE_LINK.test(trimmed) ? trimmed : null;
}

/**
 * RULE 20: an embeddable's link becomes an iframe's src: only https survives
 * (not http, which browsers block as mixed content, and not a same-site path,
 * which would frame this app inside itself).
 */
export function safeEmbedLink(link: string | null | undefined): string | null {
  if (link == null) return null;
  const trimmed = trimUrl(link);
  return /^https:\/\/[^/\\]/i.test(trimmed) ? trimmed : null;
}

/**
 * RULE 21: raster images only. SVG is dropped: it is a document that can carry
 * script; Excalidraw draws it through <img> (where script does not run), but the
 * same data URL opened or downloaded on its own would run it.
 */
export const RASTER_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/x-icon", "image/avif"] as const;

/** Excalidraw refuses images over 4 MiB when they are added; twice that is absurd for a backup. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

/** First bytes of each raster type, so a file of one type cannot pose as another (or as an image at all). */
const MAGIC: Record<(typeof RASTER_IMAGE_TYPES)[number], (b: number[]) => boolean> = {
  "image/png": (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x),
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/gif": (b) => String.fromCharCode(...b.slice(0, 6)) === "GIF87a" || String.fromCharCode(...b.slice(0, 6)) === "GIF89a",
  "image/webp": (b) => String.fromCharCode(...b.slice(0, 4)) === "RIFF" && String.fromCharCode(...b.slice(8, 12)) === "WEBP",
  "image/bmp": (b) => b[0] === 0x42 && b[1] === 0x4d,
  "image/x-icon": (b) => b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0,
  "image/avif": (b) => String.fromCharCode(...b.slice(4, 12)) === "ftypavif" || String.fromCharCode(...b.slice(4, 12)) === "ftypavis",
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Why a file must be dropped, or null when it is a raster image of its declared type and a sane size. */
export function unsafeFileReason(file: { mimeType: string; dataURL: string }): string | null {
  const type = RASTER_IMAGE_TYPES.find((t) => t === file.mimeType);
  if (!type) return `not a raster image (${file.mimeType.slice(0, 50)})`;
  const prefix = `data:${type};base64,`;
  if (!file.dataURL.startsWith(prefix)) return "dataURL is not a base64 data URL of the file's own type";
  const payload = file.dataURL.slice(prefix.length);
  if (payload.length % 4 !== 0 || !BASE64.test(payload)) return "dataURL is not valid base64";
  const bytes = (payload.length / 4) * 3 - (payload.endsWith("==") ? 2 : payload.endsWith("=") ? 1 : 0);
  if (bytes > MAX_IMAGE_BYTES) return `image larger than ${MAX_IMAGE_BYTES} bytes`;
  const head = Array.from(atob(payload.slice(0, 16)), (c) => c.charCodeAt(0));
  if (!MAGIC[type](head)) return `content is not ${type}`;
  return null;
}

/** RULE 22: bounds no real board comes near; past them an element would stall the canvas. */
export const ELEMENT_BOUNDS = { coordinate: 1e7, size: 1e6, fontSize: 10_000, strokeWidth: 1_000, points: 100_000 } as const;

interface ElementGeometry {
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize?: number | undefined;
  strokeWidth?: number | undefined;
  points?: readonly (readonly number[])[] | undefined;
  pressures?: readonly number[] | undefined;
}

/** Why an element must be dropped for absurd geometry, or null. */
export function absurdElementReason(e: ElementGeometry): string | null {
  const b = ELEMENT_BOUNDS;
  if (Math.abs(e.x) > b.coordinate || Math.abs(e.y) > b.coordinate) return `position beyond ±${b.coordinate}`;
  if (Math.abs(e.width) > b.size || Math.abs(e.height) > b.size) return `size beyond ${b.size}`;
  if ((e.fontSize ?? 0) > b.fontSize) return `font size beyond ${b.fontSize}`;
  if ((e.strokeWidth ?? 0) > b.strokeWidth) return `stroke width beyond ${b.strokeWidth}`;
  if ((e.points?.length ?? 0) > b.points || (e.pressures?.length ?? 0) > b.points) return `more than ${b.points} points`;
  if (e.points?.some((p) => p.length !== 2 || p.some((v) => Math.abs(v) > b.size))) return "points outside the element's bounds";
  return null;
}

/** RULE 20: Excalidraw renders an iframe element's `customData.generationData.html` as a document: never imported. */
export function withoutGeneratedHtml<T extends { type: string; customData?: Record<string, unknown> | undefined }>(e: T): T {
  if (e.type !== "iframe" || e.customData === undefined || !("generationData" in e.customData)) return e;
  const { generationData: _dropped, ...customData } = e.customData;
  return { ...e, customData };
}
