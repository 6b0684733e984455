import type { JsonObject } from "@quadrant/board-model";
import { ElementJson } from "@quadrant/facilitation";
import type { ElementDivert } from "../collab/elementBinding";
import type { Command, FacilitationView } from "@quadrant/facilitation";

/** The part of ControlChannel the router uses (so tests can fake it). */
export interface ControlPort {
  readonly view: FacilitationView | null;
  send(command: Command): boolean;
}

/**
 * Private brainstorm on the client: while the server says private mode is on,
 * the element binding hands this router every element that is not yet in the
 * shared document (i.e. one this person just created) and it goes to the
 * server as `brainstorm.put` instead of into the Y document, so it never
 * reaches another browser. Elements already on the board sync as usual.
 */
export class PrivateNotesRouter implements ElementDivert {
  constructor(
    private readonly control: ControlPort,
    private readonly canEdit: boolean,
  ) {}

  active(): boolean {
    return this.canEdit && this.control.view?.brainstorm.on === true;
  }

  /**
   * New elements added outside the canvas (quick note, carry): held when private mode is
   * on (true), else left to the caller (false). The author's canvas shows them once the
   * server's view lists them (FacilitationLayer puts "mine" back on the canvas).
   */
  hold(elements: readonly JsonObject[]): boolean {
    if (!this.active()) return false;
    for (const element of elements) this.divert(element);
    return true;
  }

  divert(element: JsonObject): boolean {
    if (!this.active()) return false;
    const parsed = ElementJson.safeParse(element);
    // An element the server would refuse is kept local rather than leaked into the document.
    if (!parsed.success) return true;
    if (element.isDeleted === true) this.control.send({ type: "brainstorm.remove", elementId: parsed.data.id });
    else this.control.send({ type: "brainstorm.put", element: parsed.data });
    return true;
  }
}
