import { useEffect, useState } from "react";
import type { FacilitationView } from "@quadrant/facilitation";
import type { ControlChannel } from "../facilitation/controlChannel";

/** This person's latest facilitation view (null until the server's first one arrives). */
export function useControlView(control: ControlChannel | null): FacilitationView | null {
  const [view, setView] = useState<FacilitationView | null>(control?.view ?? null);
  useEffect(() => {
    if (!control) return undefined;
    setView(control.view);
    return control.onView(setView);
  }, [control]);
  return view;
}
