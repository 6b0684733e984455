import { createRoot } from "react-dom/client";
import { getBoard } from "./api/client";
import { parseRoute } from "./app/links";
import { MessagePage } from "./app/MessagePage";
import { registerServiceWorker } from "./app/serviceWorker";
import BoardPage from "./board/BoardPage";
import "./app/styles.css";

/**
 * The entry of board links (board.html, which the server answers /b/<id> with). The board page
 * and Excalidraw are in this module's own graph, so the browser fetches them with the page's
 * first scripts, as a bare Excalidraw page would: no main bundle to evaluate first and no lazy
 * chunk requested only after it. The landing and pre-work pages keep index.html (main.tsx).
 */
const route = parseRoute(window.location.pathname, window.location.hash);
// Ask the server about access before React's first render, not in an effect after it.
const firstAccess = route.kind === "board" && route.token ? getBoard(route.boardId, route.token) : undefined;

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    route.kind === "board" ? (
      <BoardPage boardId={route.boardId} token={route.token} firstAccess={firstAccess} />
    ) : (
      <MessagePage title="Page not found" message="There is nothing at this address." />
    ),
  );
}

registerServiceWorker();
