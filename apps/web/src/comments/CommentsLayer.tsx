import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { viewportCoordsToSceneCoords } from "@excalidraw/excalidraw";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { Peer } from "../collab/presence";
import type { ControlChannel } from "../facilitation/controlChannel";
import { typing } from "../board/useFocusKey";
import { anchorAt } from "./anchors";
import { CommentsPanel } from "./CommentsPanel";
import { type Draft, NewThread } from "./NewThread";
import { placeLabel } from "./placeLabel";
import { ThreadPopover } from "./ThreadPopover";
import { useCommentsView } from "./useCommentsView";
import { type Pin, type Thread, canvasRect, usePins } from "./usePins";
import { installCommentsTestHook } from "./testHook";
import "./comments.css";

interface Props {
  control: ControlChannel;
  scene: ExcalidrawScene | null;
  /** Who is on the board now: their names are offered for @mentions with the view's `people`. */
  peers: readonly Peer[];
}

/**
 * Comments on the board page (issue 16): the Comments bar at the bottom of the canvas, comment
 * mode ("C": click an item or a point to start a thread), pins that follow their items, the open
 * thread, and the list of every thread. The state is the server's (facilitation view `comments`);
 * this only draws it and sends commands.
 */
export function CommentsLayer({ control, scene, peers }: Props) {
  const comments = useCommentsView(control);
  const view = comments.view;
  const [mode, setMode] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [panel, setPanel] = useState(false);
  const [filter, setFilter] = useState<"open" | "resolved">("open");
  const threads = useMemo(() => view?.threads ?? [], [view]);
  const people = useMemo(
    () => [...new Set([...(view?.people ?? []), ...peers.map((p) => p.state.user.name)])].filter((n) => n.trim() !== "").sort(),
    [view, peers],
  );
  const pins = usePins(scene, threads);
  const mayComment = view?.mayComment ?? false;
  const role = control.view?.me.role ?? "viewer";
  const privateMode = control.view?.brainstorm.on ?? false;

  const stopMode = useCallback(() => {
    setMode(false);
    setDraft(null);
  }, []);

  // "C" (not while typing) toggles comment mode; Escape leaves it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if ((e.key === "c" || e.key === "C") && !e.shiftKey && mayComment) {
        e.preventDefault();
        e.stopPropagation();
        setOpenId(null);
        setMode((on) => !on);
        setDraft(null);
      } else if (e.key === "Escape" && (mode || openId)) {
        e.stopPropagation();
        stopMode();
        setOpenId(null);
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [mayComment, mode, openId, stopMode]);

  // The open thread was deleted (here or elsewhere): close it. A thread just started is not in the
  // view until the server answers, so only a thread the view has shown can be gone.
  const shownOpen = useRef(false);
  useEffect(() => {
    shownOpen.current = false;
  }, [openId]);
  useEffect(() => {
    const present = openId !== null && view !== null && view.threads.some((t) => t.id === openId);
    if (present) shownOpen.current = true;
    else if (openId && shownOpen.current) setOpenId(null);
  }, [openId, view]);

  useEffect(
    () => (import.meta.env.VITE_TEST_HOOKS === "true" ? installCommentsTestHook(() => comments.view, () => pins) : undefined),
    [comments.view, pins],
  );

  const labelOf = useCallback((thread: Thread) => placeLabel(scene, thread.anchor), [scene]);

  if (!view || !scene) return null;

  const startAt = (clientX: number, clientY: number) => {
    const appState = scene.api.getAppState();
    const point = viewportCoordsToSceneCoords({ clientX, clientY }, appState);
    const anchor = anchorAt(point, scene.api.getSceneElements());
    comments.clearError();
    setDraft({ anchor, left: clientX, top: clientY, label: placeLabel(scene, anchor) });
  };

  const jump = (thread: Thread) => {
    const pin = pins.find((p) => p.id === thread.id);
    const area = canvasRect();
    if (pin && area && !pin.inView) {
      const appState = scene.api.getAppState();
      const at = viewportCoordsToSceneCoords({ clientX: pin.left, clientY: pin.top }, appState);
      scene.showViewport({ cx: at.x, cy: at.y, zoom: appState.zoom.value });
    }
    if (thread.resolved !== null) setFilter("resolved");
    stopMode();
    setOpenId(thread.id);
  };

  const area = canvasRect();
  const openThread = threads.find((t) => t.id === openId) ?? null;
  const openPin = pins.find((p) => p.id === openId) ?? null;
  // Resolved threads leave the canvas (as in FigJam) unless one is open or the list shows them.
  const visiblePins = pins.filter((p) => {
    const t = threads.find((x) => x.id === p.id);
    return p.inView && t && (t.resolved === null || p.id === openId || (panel && filter === "resolved"));
  });

  return (
    <>
      {mode && area && (
        <div
          className="comment-capture"
          data-testid="comment-capture"
          style={{ left: area.left, top: area.top, width: area.width, height: area.height }}
          onClick={(e) => startAt(e.clientX, e.clientY)}
          aria-label="Click an item or a point of the board to comment on it"
        >
          <p className="comment-mode-hint" data-testid="comment-mode-hint">
            Click an item or anywhere on the board to comment · <kbd>Esc</kbd> to stop
          </p>
        </div>
      )}
      {visiblePins.map((pin) => (
        <PinButton key={pin.id} pin={pin} thread={threads.find((t) => t.id === pin.id)!} open={pin.id === openId} onOpen={() => {
          stopMode();
          setOpenId(pin.id === openId ? null : pin.id);
        }} />
      ))}
      {draft && (
        <NewThread
          draft={draft}
          comments={comments}
          people={people}
          privateMode={privateMode}
          onDone={(threadId) => {
            setDraft(null);
            setMode(false);
            if (threadId) setOpenId(threadId);
          }}
        />
      )}
      {openThread && openPin && (
        <ThreadPopover
          key={openThread.id}
          thread={openThread}
          place={{ label: labelOf(openThread), deleted: openPin.element === "deleted" }}
          at={openPin}
          comments={comments}
          people={people}
          mayComment={mayComment}
          isFacilitator={role === "facilitator"}
          onClose={() => setOpenId(null)}
        />
      )}
      {panel && (
        <CommentsPanel
          threads={threads}
          comments={comments}
          labelOf={labelOf}
          isFacilitator={role === "facilitator"}
          viewersMayComment={view.viewersMayComment}
          filter={filter}
          onFilter={setFilter}
          onJump={jump}
          onClose={() => setPanel(false)}
        />
      )}
      {area && (
        <div className="comments-bar" style={{ left: area.left + area.width / 2, top: area.bottom - 58 - mobileToolbarLift(area) }} role="toolbar" aria-label="Comments">
          {mayComment && (
            <button
              type="button"
              className={`comments-bar-button${mode ? " is-on" : ""}`}
              aria-pressed={mode}
              data-testid="comment-mode"
              title="Comment on an item or a point of the board (C)"
              onClick={() => {
                setOpenId(null);
                setDraft(null);
                setMode(!mode);
              }}
            >
              <BubbleIcon /> Comment <kbd>C</kbd>
            </button>
          )}
          <button
            type="button"
            className={`comments-bar-button${panel ? " is-on" : ""}`}
            aria-pressed={panel}
            data-testid="comments-toggle"
            title="Every comment thread on the board"
            onClick={() => setPanel(!panel)}
          >
            Comments
            {view.unread > 0 && (
              <span
                className={`comment-badge${view.threads.some((t) => t.mentionsMe) ? " is-mention" : ""}`}
                data-testid="comments-unread"
                aria-label={`${view.unread} unread`}
              >
                {view.unread}
              </span>
            )}
          </button>
        </div>
      )}
    </>
  );
}

function PinButton({ pin, thread, open, onOpen }: { pin: Pin; thread: Thread; open: boolean; onOpen: () => void }) {
  const first = thread.messages[0]!;
  const held = thread.messages.every((m) => m.held);
  const classes = [
    "comment-pin",
    open ? "is-open" : "",
    thread.unread > 0 ? "is-unread" : "",
    thread.mentionsMe ? "mentions-me" : "",
    thread.resolved ? "is-resolved" : "",
    held ? "is-held" : "",
  ].join(" ");
  return (
    <button
      type="button"
      className={classes}
      style={{ left: pin.left, top: pin.top }}
      data-testid="comment-pin"
      data-thread={thread.id}
      data-anchor={thread.anchor.kind === "element" ? thread.anchor.elementId : "point"}
      data-unread={thread.unread}
      aria-label={`Comment by ${first.author}: ${first.text.slice(0, 60)}${thread.unread > 0 ? `, ${thread.unread} unread` : ""}`}
      title={`${first.author}: ${first.text.slice(0, 80)}`}
      onClick={onOpen}
    >
      <span className="comment-pin-initial">{first.author.slice(0, 1).toUpperCase()}</span>
      {thread.messages.length > 1 && <span className="comment-pin-count">{thread.messages.length}</span>}
      {thread.unread > 0 && (
        <span className="comment-pin-unread" data-testid="comment-pin-unread">
          {thread.mentionsMe ? "@" : thread.unread}
        </span>
      )}
    </button>
  );
}

function BubbleIcon() {
  return (
    <svg width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinejoin="round" aria-hidden>
      <path d="M4 5h16v11H9l-5 4V5z" />
    </svg>
  );
}

/**
 * On a phone-sized canvas Excalidraw puts its own toolbar (menu, undo, delete) along the bottom:
 * the comments bar sits above it instead of on it. Excalidraw's "mobile" breakpoints (0.18.1):
 * at most 730 px wide, or under 500 px tall and under 1,000 px wide.
 */
function mobileToolbarLift(area: { width: number; height: number }): number {
  const mobile = area.width <= 730 || (area.height < 500 && area.width < 1000);
  return mobile ? 68 : 0;
}

