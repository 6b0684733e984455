import { type ReactNode, useState } from "react";
import type { Command, FacilitationView } from "@quadrant/facilitation";
import { parseRoute } from "../app/links";
import { findBoard } from "../app/localStore";
import { groupLink, newJoinCode } from "./groupLinks";
import { GroupSelect } from "./GroupSelect";
import { Fold } from "../board/Fold";

interface Props {
  view: FacilitationView;
  send: (command: Command) => void;
}

type GroupsView = FacilitationView["groups"];

/** The facilitator's numbers: the floor, and when the groups' means differ enough to be flagged. */
const SETTINGS: Array<
  Omit<NumberSettingProps, "value" | "onCommit" | "children"> & {
    text: string;
    read: (groups: GroupsView) => number;
    command: (value: number) => Command;
  }
> = [
  {
    text: "anonymity floor",
    label: "anonymity floor",
    testId: "group-floor",
    title: "A group with fewer people who took part in a round is merged into Other; the setting applies from the next round",
    min: 2,
    max: 50,
    step: 1,
    read: (groups) => groups.floor,
    command: (value) => ({ type: "groups.settings", floor: Math.round(value) }),
  },
  {
    text: "gap >",
    label: "cross-group score threshold",
    testId: "group-threshold-scoring",
    title: "Flag an item when the groups' mean scores differ by more than this (1–10 scale)",
    min: 0,
    max: 9,
    step: 0.5,
    read: (groups) => groups.thresholds.scoring,
    command: (value) => ({ type: "groups.settings", scoringThreshold: value }),
  },
  {
    text: "dots >",
    label: "cross-group vote threshold",
    testId: "group-threshold-vote",
    title: "Flag a note when the groups' mean dots per person differ by more than this",
    min: 0,
    max: 50,
    step: 0.5,
    read: (groups) => groups.thresholds.vote,
    command: (value) => ({ type: "groups.settings", voteThreshold: value }),
  },
];

/** The board this page shows (its route), for the group links. */
function currentBoardId(): string | null {
  const route = parseRoute(window.location.pathname, window.location.hash);
  return route.kind === "board" ? route.boardId : null;
}

/**
 * The facilitator's Groups section: define, rename and remove groups, copy each group's link,
 * choose self-pick or assignment, place people, and set the anonymity floor and the
 * cross-group disagreement thresholds. Every control is a command the server checks again.
 */
export function GroupsSection({ view, send }: Props) {
  const boardId = currentBoardId();
  const groups = view.groups;
  const [name, setName] = useState("");
  const [copied, setCopied] = useState<string | null>(null);
  const participantToken = boardId ? (findBoard(boardId)?.tokens?.editor ?? null) : null;
  const define = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    send({ type: "groups.define", name: trimmed, code: newJoinCode() });
    setName("");
  };
  const copy = async (groupId: string, link: string) => {
    await navigator.clipboard?.writeText(link).catch(() => undefined);
    setCopied(groupId);
    setTimeout(() => setCopied((current) => (current === groupId ? null : current)), 2000);
  };
  const frozen = groups.roundFloors.scoring ?? groups.roundFloors.vote ?? groups.roundFloors.rating;

  return (
    <Fold
      id="fac-groups"
      title="Groups"
      level={3}
      className="fac-group grp-section"
      headingClassName="fac-group-title"
      testId="groups-section"
      extra={
        <span className="fac-pill" data-testid="groups-floor-pill" title="Groups with fewer people who took part are merged into Other">
          floor {groups.floor}
        </span>
      }
    >
      <form
        className="fac-row"
        onSubmit={(e) => {
          e.preventDefault();
          define();
        }}
      >
        <input
          aria-label="new group name"
          data-testid="group-name-input"
          placeholder="Engineering, Product, Sales…"
          maxLength={40}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" data-testid="group-add" disabled={name.trim() === ""}>
          Add group
        </button>
      </form>
      {groups.list.length > 0 && (
        <ul className="grp-list" data-testid="group-list">
          {groups.list.map((g) => {
            const link = boardId && participantToken && g.code ? groupLink(window.location.origin, boardId, participantToken, g.code) : null;
            return (
              <li key={g.id} data-testid={`group-${g.id}`} data-group-name={g.name}>
                <input
                  aria-label={`rename ${g.name}`}
                  data-testid={`group-rename-${g.id}`}
                  defaultValue={g.name}
                  key={g.name}
                  maxLength={40}
                  onBlur={(e) => {
                    const next = e.target.value.trim();
                    if (next && next !== g.name) send({ type: "groups.rename", groupId: g.id, name: next });
                    else e.target.value = g.name;
                  }}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") e.currentTarget.blur();
                  }}
                />
                <span className="grp-count" title="People on the roster in this group">
                  {g.members}
                </span>
                {link ? (
                  <button type="button" className="small" data-testid={`group-copy-link-${g.id}`} data-link={link} onClick={() => copy(g.id, link)}>
                    {copied === g.id ? "Copied" : "Copy link"}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="small"
                  data-testid={`group-new-link-${g.id}`}
                  title="Make a new link for this group; the old one stops working"
                  onClick={() => send({ type: "groups.newLink", groupId: g.id, code: newJoinCode() })}
                >
                  New link
                </button>
                <button type="button" className="small" data-testid={`group-remove-${g.id}`} title={`Remove ${g.name}: its people have no group`} onClick={() => send({ type: "groups.remove", groupId: g.id })}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {groups.list.length > 0 && !participantToken && (
        <p className="fac-note">Group links need the participant link: open this board from the browser that created it.</p>
      )}
      <div className="fac-row">
        <label className="fac-check">
          <input type="checkbox" data-testid="group-self-pick" checked={groups.selfPick} onChange={(e) => send({ type: "groups.settings", selfPick: e.target.checked })} /> people
          pick their own group
        </label>
      </div>
      <div className="fac-row">
        {SETTINGS.map((setting) => (
          <NumberSetting key={setting.testId} {...setting} value={setting.read(groups)} onCommit={(value) => send(setting.command(value))}>
            {setting.text}
          </NumberSetting>
        ))}
      </div>
      {frozen !== null && frozen !== groups.floor && (
        <p className="fac-note" data-testid="group-floor-frozen">
          The open round keeps floor {frozen}; {groups.floor} applies from the next round.
        </p>
      )}
      {groups.people && groups.people.length > 0 && groups.list.length > 0 && (
        <ul className="grp-people" data-testid="group-people">
          {groups.people.map((p) => (
            <li key={p.ref} data-testid={`group-person-${p.ref}`} data-person={p.name}>
              <span className="grp-person-name" title={p.role}>
                {p.name}
              </span>
              <GroupSelect
                label={`group of ${p.name}`}
                testId={`group-assign-${p.ref}`}
                groups={groups.list}
                value={p.group}
                onChange={(groupId) => send({ type: "groups.assign", ref: p.ref, groupId })}
              />
            </li>
          ))}
        </ul>
      )}
    </Fold>
  );
}

/** A number the facilitator edits and commits on leaving the field; an empty or non-numeric entry keeps the value. */
interface NumberSettingProps {
  label: string;
  testId: string;
  title: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onCommit: (value: number) => void;
  children: ReactNode;
}

function NumberSetting(props: NumberSettingProps) {
  return (
    <label className="fac-field" title={props.title}>
      {props.children}{" "}
      <input
        aria-label={props.label}
        data-testid={props.testId}
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        key={props.value}
        defaultValue={props.value}
        onBlur={(e) => {
          const value = Number(e.target.value);
          if (e.target.value === "" || !Number.isFinite(value)) e.target.value = String(props.value);
          else if (value !== props.value) props.onCommit(Math.min(props.max, Math.max(props.min, value)));
        }}
      />
    </label>
  );
}
