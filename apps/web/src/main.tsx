import { lazy, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { getBoard } from "./api/client";
import { parseRoute } from "./app/links";
import { LandingPage } from "./landing/LandingPage";
import { MessagePage } from "./app/MessagePage";
import { registerServiceWorker } from "./app/serviceWorker";
import "./app/styles.css";

// The board page pulls in Excalidraw (megabytes): load it only on /b/*. The server and the dev
// server answer board links with board.html (boardMain.tsx); this route is for an offline shell an
// older service worker cached, and for a proxy that answers every page with index.html.
const BoardPage = lazy(() => import("./board/BoardPage"));
// The pre-work page is a small form (phones): its own chunk, without Excalidraw.
const PreworkPage = lazy(() => import("./prework/PreworkPage"));

const route = parseRoute(window.location.pathname, window.location.hash);
// A board link: ask the server about access while the board's code downloads, not after it.
const firstAccess = route.kind === "board" && route.token ? getBoard(route.boardId, route.token) : undefined;

function App() {
  switch (route.kind) {
    case "landing":
      return <LandingPage />;
    case "board":
      return (
        <Suspense fallback={<div className="splash">Opening board…</div>}>
          <BoardPage boardId={route.boardId} token={route.token} firstAccess={firstAccess} />
        </Suspense>
      );
    case "prework":
      return (
        <Suspense fallback={<div className="splash">Opening pre-work…</div>}>
          <PreworkPage boardId={route.boardId} token={route.token} />
        </Suspense>
      );
    case "not-found":
      return <MessagePage title="Page not found" message="There is nothing at this address." />;
  }
}

registerServiceWorker();

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
