import { type RefObject, useEffect } from "react";

/** True while the person is typing somewhere: a single-letter shortcut must not steal the key. */
export function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * `key` (as KeyboardEvent.key reports it: "n", or "O" for Shift+O) anywhere but in a text
 * field moves the focus to `target`. Listens in the capture phase, before Excalidraw's own
 * key handling sees it.
 */
export function useFocusKey(key: string, target: RefObject<HTMLElement | null>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== key || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      e.preventDefault();
      e.stopPropagation();
      target.current?.focus();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [key, target, enabled]);
}
