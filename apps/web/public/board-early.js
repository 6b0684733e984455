// Opens the board's websocket while the page's scripts are still downloading. The server sends the
// whole board the moment a socket joins (sync step 2 at once), so on a large board the data arrives
// while the main thread is idle instead of after Excalidraw has loaded, and the session adopts this
// socket (src/collab/earlySocket.ts) instead of opening its own.
//
// A classic script, not part of the bundle: a module would run only after Excalidraw's modules have
// loaded, which is what this avoids; and a file, not inline, for the content security policy.
// The URL must be exactly the session's (useBoardSession → BoardConnection → y-websocket); when it
// is not, nothing breaks: the session opens its own socket and this one is closed.
(function () {
  "use strict";
  try {
    var match = /^\/b\/([^/]+)\/?$/.exec(location.pathname);
    var token = new URLSearchParams(location.hash.replace(/^#/, "")).get("t");
    if (!match || !token || !navigator.onLine) return;
    // Someone without a name is asked for it first: the session would open much later, if at all.
    if (!localStorage.getItem("quadrant.identity.v1")) return;
    // The participant id's owner is src/facilitation/participantId.ts: same key, same format
    // (128 random bits, base64url). A first visit creates it here, and that module then reads it.
    var participant = localStorage.getItem("quadrant.participant.v1");
    if (!participant || !/^[A-Za-z0-9_-]{22}$/.test(participant)) {
      var bytes = crypto.getRandomValues(new Uint8Array(16));
      participant = btoa(String.fromCharCode.apply(null, Array.from(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      localStorage.setItem("quadrant.participant.v1", participant);
    }
    var boardId = decodeURIComponent(match[1]);
    var url =
      (location.protocol === "https:" ? "wss" : "ws") + "://" + location.host + "/ws/" + boardId +
      "?control=1&participant=" + encodeURIComponent(participant) + "&token=" + encodeURIComponent(token);
    var socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    var early = { url: url, socket: socket, messages: [] };
    // Kept in order for the session, which replays them to y-websocket's handler.
    socket.onmessage = function (event) {
      early.messages.push(event);
    };
    // Not adopted (the page stopped at an error, or never got there): leave the room.
    setTimeout(function () {
      if (window.quadrantEarlySocket !== early) return;
      window.quadrantEarlySocket = undefined;
      socket.close();
    }, 30000);
    window.quadrantEarlySocket = early;
    // The board's IndexedDB copy is opened now too, so the browser has it ready (created, on a first
    // visit) when y-indexeddb asks for it: the session applies the server's board only once that copy
    // has loaded. The stores are y-indexeddb's own ("updates" with autoIncrement, and "custom"; see
    // IndexeddbPersistence's constructor); collab/earlySocket.test.ts runs y-indexeddb on a database made here.
    var opening = indexedDB.open("quadrant-board-" + boardId);
    opening.onupgradeneeded = function () {
      opening.result.createObjectStore("updates", { autoIncrement: true });
      opening.result.createObjectStore("custom");
    };
    opening.onsuccess = function () {
      opening.result.close();
    };
  } catch (error) {
    // Storage or WebSocket unavailable: the session opens its own socket as usual.
  }
})();
