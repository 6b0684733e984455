import { useEffect, useState } from "react";
import type { FacilitationView } from "@quadrant/facilitation";
import type { BoardApi } from "../board/boardApi";

/** This person's facilitation view (revealed votes and scores, the roster), following the control channel. */
export function useFacilitationView(api: Pick<BoardApi, "control">): FacilitationView | null {
  const { control } = api;
  const [view, setView] = useState<FacilitationView | null>(control.view);
  useEffect(() => {
    setView(control.view);
    return control.onView(setView);
  }, [control]);
  return view;
}
