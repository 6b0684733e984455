// Quadrant's service worker: only what "reload while offline shows the last state" needs.
// Navigations: network first, the cached app shell when offline. Two shells: board.html for board
// links (/b/<id>, as the server answers them) and / for every other page (the app routes those itself).
// Hashed assets and fonts: cache first, cached on first use. /api and /ws are never touched:
// board data lives in IndexedDB (y-indexeddb), not in this cache.
const CACHE = "quadrant-shell-v2";
const BOARD_LINK = /^\/b\/[^/]+\/?$/;
const shellOf = (url) => (BOARD_LINK.test(url.pathname) ? "/board.html" : "/");

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(["/", "/board.html"])));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/ws")) return;
  if (request.mode === "navigate") {
    const shell = shellOf(url);
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put(shell, copy));
          }
          return response;
        })
        .catch(() => caches.match(shell).then((hit) => hit || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith("/assets/") || url.pathname.startsWith("/fonts/")) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
