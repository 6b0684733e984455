import type { FacilitationView } from "@quadrant/facilitation";
import { parseRoute, preworkLink } from "../app/links";
import { deadlineLabel } from "../prework/countdown";

/**
 * A participant on the live board while a pre-work is still taking answers: where to do it
 * (the pre-work page, same link token) and whether they already did. Nothing of anyone's answers.
 */
export function PreworkInvite({ view }: { view: FacilitationView }) {
  const prework = view.prework;
  const route = parseRoute(window.location.pathname, window.location.hash);
  if (!prework || prework.status !== "open" || prework.closed || view.me.role === "facilitator" || route.kind !== "board" || !route.token) return null;
  const href = preworkLink(window.location.origin, route.boardId, route.token);
  return (
    <section className="fac-group" aria-label="pre-work" data-testid="prework-invite">
      <h3 className="fac-group-title">Pre-work</h3>
      <p className="fac-note">
        {prework.mine ? "✓ You did the pre-work. " : "The facilitator asks for pre-work before the session. "}
        Open until {deadlineLabel(prework.deadline)}.{" "}
        <a href={href} target="_blank" rel="noreferrer" data-testid="prework-invite-link">
          {prework.mine ? "Change my answers" : "Do the pre-work"}
        </a>
      </p>
    </section>
  );
}
