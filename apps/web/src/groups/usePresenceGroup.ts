import { useEffect } from "react";
import type { Presence } from "../collab/presence";
import type { ControlChannel } from "../facilitation/controlChannel";

/** Publishes the name of the group the server placed me in (from my view) through awareness, for the avatars. */
export function usePresenceGroup(presence: Presence | null, control: ControlChannel | null): void {
  useEffect(() => {
    if (!presence || !control) return undefined;
    const show = () => {
      const groups = control.view?.groups;
      presence.setGroup(groups?.list.find((g) => g.id === groups.mine)?.name);
    };
    show();
    return control.onView(show);
  }, [presence, control]);
}
