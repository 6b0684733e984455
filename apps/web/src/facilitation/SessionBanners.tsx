import { type FacilitationView, heldNoteCount } from "@quadrant/facilitation";

interface Props {
  view: FacilitationView;
  refusal: string | null;
  onShowSpotlight: (frameId: string) => void;
  /** The facilitator's "follow me" is moving this person's view; null when not (or stopped). */
  onStopFollowing: (() => void) | null;
}

/**
 * What everyone must see even with the dock collapsed: a private brainstorm (your
 * notes are hidden), a locked board, a spotlight, and why the server refused an action.
 */
export function SessionBanners({ view, refusal, onShowSpotlight, onStopFollowing }: Props) {
  const { brainstorm, lock, focus } = view;
  const spotlight = focus.spotlightFrameId;
  const hidden = heldNoteCount(brainstorm.mine);
  if (!brainstorm.on && !lock.board && !spotlight && !refusal && !onStopFollowing) return null;
  return (
    <div className="fac-banners">
      {brainstorm.on && (
        <p className="fac-banner" data-testid="private-banner">
          Private brainstorm: your new notes are visible only to you until the facilitator reveals them
          {" "}
          <strong data-testid="private-count">
            ({hidden === 0 ? "none of yours yet" : `${hidden} of yours hidden`})
          </strong>
          .
        </p>
      )}
      {lock.board && (
        <p className="fac-banner" data-testid="lock-banner">
          The board is locked by the facilitator{view.me.role === "facilitator" ? " (you can still edit)" : ""}.
        </p>
      )}
      {onStopFollowing && (
        <p className="fac-banner fac-banner-action" data-testid="follow-banner">
          <span>You are following the facilitator's view</span>
          <button type="button" className="small" onClick={onStopFollowing}>
            Stop following
          </button>
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
