/**
 * The minimum an element must carry for the binding to order versions.
 * Excalidraw's `OrderedExcalidrawElement` satisfies it structurally, so this
 * module (and the binding) stay free of Excalidraw imports and run in Node.
 */
export interface VersionedElement {
  readonly id: string;
  readonly version: number;
  readonly versionNonce: number;
  readonly isDeleted: boolean;
  /** Excalidraw's fractional z-order index; synced so z-order converges. */
  readonly index: string | null;
}

/**
 * True when `local` must be kept over `remote`: the same rule as Excalidraw's
 * `shouldDiscardRemoteElement` in `data/reconcile.ts` (0.18.1): the higher
 * version wins, and on equal versions the LOWER versionNonce wins.
 * Every replica applies this one total order, so all of them converge.
 */
export function localWins(local: VersionedElement, remote: VersionedElement): boolean {
  if (local.version !== remote.version) return local.version > remote.version;
  return local.versionNonce < remote.versionNonce;
}

export function sameVersion(
  a: { readonly version: number; readonly versionNonce: number },
  b: { readonly version: number; readonly versionNonce: number },
): boolean {
  return a.version === b.version && a.versionNonce === b.versionNonce;
}

/** Fractional indices compare as plain strings (Excalidraw uses base-62 keys); ties by id. */
export function compareByIndex(a: VersionedElement, b: VersionedElement): number {
  const ai = a.index ?? "";
  const bi = b.index ?? "";
  if (ai !== bi) return ai < bi ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
