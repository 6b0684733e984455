import type { FacilitationView } from "@quadrant/facilitation";

interface Props {
  view: FacilitationView;
  refusal: string | null;
  onShowSpotlight: (frameId: string) => void;
}

/**
 * What everyone must see even with the dock collapsed: a private brainstorm (your
 * notes are hidden), a locked board, a spotlight, and why the server refused an action.
 */
export function SessionBanners({ view, refusal, onShowSpotlight }: Props) {
  const { brainstorm, lock, focus } = view;
  const spotlight = focus.spotlightFrameId;
  if (!brainstorm.on && !lock.board && !spotlight && !refusal) return null;
  return (
    <div className="fac-banners">
      {brainstorm.on && (
        <p className="fac-banner" data-testid="private-banner">
          Private brainstorm: your new notes are visible only to you until the facilitator reveals them
          {brainstorm.mine.length > 0 ? ` (${brainstorm.mine.length} hidden)` : ""}.
        </p>
      )}
      {lock.board && (
        <p className="fac-banner" data-testid="lock-banner">
          The board is locked by the facilitator{view.me.role === "facilitator" ? " (you can still edit)" : ""}.
        </p>
      )}
      {spotlight && (
        <p className="fac-banner fac-banner-action">
          <span>Spotlight on a frame</span>
          <button type="button" className="small" onClick={() => onShowSpotlight(spotlight)}>
            Go there
          </button>
        </p>
      )}
      {refusal && (
        <p className="fac-refusal" role="status" data-testid="fac-refusal">
          {refusal}
        </p>
      )}
    </div>
  );
}
