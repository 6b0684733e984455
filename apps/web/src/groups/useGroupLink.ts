import { useEffect, useRef } from "react";
import type { FacilitationView } from "@quadrant/facilitation";
import type { ControlChannel } from "../facilitation/controlChannel";
import { groupCodeFromHash } from "./groupLinks";

/**
 * Someone who came with a group's link (`#…&g=<code>`) is placed in that group by the server
 * (`groups.join`): sent once the channel is live, after the channel's hello (which the first view
 * triggers), so the server knows the name it keeps the group with. A refused code (a group removed,
 * a link renewed) shows as the dock's refusal message.
 */
export function useGroupLink(control: ControlChannel, view: FacilitationView | null): void {
  const sent = useRef(false);
  const live = view !== null;
  useEffect(() => {
    if (!live || sent.current) return;
    const code = groupCodeFromHash(window.location.hash);
    if (code && control.send({ type: "groups.join", code })) sent.current = true;
  }, [control, live]);
}
