/**
 * The service worker keeps the app shells so a reload while offline still opens the board
 * (its content comes from IndexedDB). Production only: Vite's dev server serves modules unhashed.
 * Registered once the page has loaded: registering costs ~10 ms of main thread (profiled on a
 * board link), which a first visit's start-up should not wait for.
 */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator) || !import.meta.env.PROD) return;
  const register = () => void navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
