/**
 * The service worker keeps the app shells so a reload while offline still opens the board
 * (its content comes from IndexedDB). Production only: Vite's dev server serves modules unhashed.
 */
export function registerServiceWorker(): void {
  if ("serviceWorker" in navigator && import.meta.env.PROD) {
    void navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  }
}
