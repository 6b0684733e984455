import { useSceneSample } from "../board/useSceneSample";
import { sceneCoordsToViewportCoords } from "@excalidraw/excalidraw";
import type { ExcalidrawScene } from "../collab/excalidrawScene";

type Badge = { id: string; name: string; left: number; top: number };

const TOOLTIP = "Locked by the facilitator: the template's frame, grid and labels stay put; notes still move.";

function lockedFrames(scene: ExcalidrawScene): Badge[] {
  const appState = scene.api.getAppState();
  const box = scene.api.getSceneElements();
  return box
    .filter((e) => e.type === "frame" && e.locked && !e.isDeleted)
    .map((frame) => {
      const corner = sceneCoordsToViewportCoords({ sceneX: frame.x + frame.width, sceneY: frame.y }, appState);
      const name = "name" in frame && typeof frame.name === "string" ? frame.name : "Template";
      return { id: frame.id, name, left: corner.x, top: corner.y };
    });
}

/**
 * A lock badge at the top-right corner of every locked template frame, on every screen:
 * Excalidraw draws a locked frame like any other, so nothing said it was locked.
 */
export function FrameLockBadges({ scene }: { scene: ExcalidrawScene | null }) {
  // Cheap (a filter over the scene) and it follows scrolling, zooming and remote locks alike.
  const badges = useSceneSample<Badge[]>(scene, lockedFrames, 200, []);
  return (
    <>
      {badges.map((b) => (
        <span
          key={b.id}
          className="frame-lock-badge"
          data-testid="frame-lock-badge"
          data-frame={b.id}
          style={{ left: b.left, top: b.top }}
          title={TOOLTIP}
          aria-label={`${b.name} is locked. ${TOOLTIP}`}
          role="img"
        >
          <LockIcon /> Locked
        </span>
      ))}
    </>
  );
}

function LockIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" aria-hidden>
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}
