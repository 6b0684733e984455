/**
 * The operator's board creation key (BOARD_CREATE_KEY), once a person has typed
 * it: kept for this tab only, shared by the start page and the backup import.
 */
const STORAGE_KEY = "quadrant.createKey";

export function rememberedCreateKey(): string {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

export function rememberCreateKey(key: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, key);
  } catch {
    // Private modes may refuse storage: the person types the key again next time.
  }
}

/** Error codes of a create or import refused for want of the right key. */
export function isCreateKeyError(code: string): boolean {
  return code === "create_key_required" || code === "create_key_invalid";
}
