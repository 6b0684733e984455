import { useState } from "react";
import type { Command, FacilitationView } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { GroupComparison } from "./GroupComparison";
import { GroupSelect } from "./GroupSelect";
import { latestGroupResult } from "./groupTable";
import { groupCodeFromHash } from "./groupLinks";
import "./groups.css";

interface Props {
  view: FacilitationView;
  scene: ExcalidrawScene | null;
  send: (command: Command) => void;
}

/** The floor in force: the open round's (frozen when it opened), else the next round's. */
function floorShown(view: FacilitationView): number {
  const { roundFloors, floor } = view.groups;
  return roundFloors.scoring ?? roundFloors.vote ?? roundFloors.rating ?? floor;
}

/**
 * Everyone's view of groups in the dock: their own group (changeable while self-pick is on), the
 * anonymity floor, and "By group" once a revealed round has results by group.
 */
export function GroupStatus({ view, scene, send }: Props) {
  const { groups } = view;
  const [comparing, setComparing] = useState(false);
  const result = latestGroupResult(view);
  if (groups.list.length === 0 && !result) return null;
  const mine = groups.list.find((g) => g.id === groups.mine) ?? null;
  return (
    <section className="fac-group grp-status" data-testid="group-status" aria-label="Your group">
      <h3 className="fac-group-title">
        Groups
        <span className="fac-pill" data-testid="group-floor-shown" title="Results by group never show a group with fewer people than this: it is merged into Other">
          anonymity floor {floorShown(view)}
        </span>
      </h3>
      <div className="fac-row">
        {groups.selfPick ? (
          <label className="fac-field">
            your group{" "}
            <GroupSelect label="your group" testId="my-group-select" groups={groups.list} value={groups.mine} onChange={(groupId) => send({ type: "groups.pick", groupId })} />
          </label>
        ) : (
          <span className="fac-note" data-testid="my-group">
            {mine ? `Your group: ${mine.name}` : "No group yet: the facilitator places people"}
          </span>
        )}
        {result && (
          <button type="button" className="primary" data-testid="open-group-comparison" onClick={() => setComparing(true)}>
            By group
          </button>
        )}
      </div>
      {comparing && result && (
        <GroupComparison view={view} results={groups.results} initial={result} scene={scene} onClose={() => setComparing(false)} />
      )}
    </section>
  );
}

/**
 * Asked once on joining, when the facilitator lets people pick their group and this person has none
 * (someone who came with a group's link is already in it). "Not now" leaves them without a group:
 * they can still pick one in the dock.
 */
export function GroupPicker({ view, send }: { view: FacilitationView; send: (command: Command) => void }) {
  const [dismissed, setDismissed] = useState(false);
  const { groups } = view;
  // Someone with a group's link is being placed by it (useGroupLink): not asked, not even for a moment.
  const cameWithLink = groupCodeFromHash(window.location.hash) !== null;
  const asked = groups.selfPick && groups.list.length > 0 && groups.mine === null && view.me.role !== "facilitator" && !cameWithLink;
  if (!asked || dismissed) return null;
  return (
    <div className="dialog-backdrop" role="presentation">
      <div className="dialog grp-picker" role="dialog" aria-modal="true" aria-labelledby="grp-picker-title" data-testid="group-picker">
        <h2 id="grp-picker-title">Which group are you in?</h2>
        <p className="muted small">
          Results can be compared by group. Nobody sees your own scores or votes: a group with fewer than {groups.floor} people who took part
          is merged into Other.
        </p>
        <div className="grp-picker-options">
          {groups.list.map((g) => (
            <button key={g.id} type="button" className="button" data-testid={`pick-group-${g.id}`} onClick={() => send({ type: "groups.pick", groupId: g.id })}>
              {g.name}
            </button>
          ))}
        </div>
        <button type="button" className="link-button small" data-testid="pick-group-skip" onClick={() => setDismissed(true)}>
          Not now
        </button>
      </div>
    </div>
  );
}
