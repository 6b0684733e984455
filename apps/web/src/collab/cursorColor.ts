/**
 * Excalidraw 0.18 ignores `Collaborator.color` when drawing cursors and
 * selections: it derives the hue from a hash of `Collaborator.id`
 * (`getClientColor`: hue = |hash(id)| % 37 × 10). To show each person in
 * their own colour we choose an id whose hash lands on that colour's hue.
 */
function hashToInteger(id: string): number {
  let hash = 0;
  // exactly as Excalidraw computes it (no |0: the intermediate may leave int32 range)
  for (let i = 0; i < id.length; i++) hash = (hash << 5) - hash + id.charCodeAt(i);
  return hash;
}

/** The hue Excalidraw draws for this collaborator id, in degrees. */
export function excalidrawHue(id: string): number {
  return (Math.abs(hashToInteger(id)) % 37) * 10;
}

export function hueOfHex(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const r = ((n >> 16) & 255) / 255;
  const g = ((n >> 8) & 255) / 255;
  const b = (n & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

/** A collaborator id, unique per client, that Excalidraw colours with the hue of `hex`. */
export function collaboratorIdFor(clientId: number, hex: string): string {
  const target = (Math.round(hueOfHex(hex) / 10) % 37) * 10;
  for (let n = 0; n < 2000; n++) {
    const id = `${clientId}:${n}`;
    if (excalidrawHue(id) === target) return id;
  }
  return String(clientId);
}
