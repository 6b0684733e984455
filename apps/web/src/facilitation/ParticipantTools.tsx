import { useEffect, useRef, useState } from "react";
import type { Command, FacilitationView } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { useNoteClicks } from "./noteClicks";
import { noteLabel, selectedNoteIds } from "./sceneHelpers";

interface Props {
  view: FacilitationView;
  scene: ExcalidrawScene | null;
  name: string;
  send: (command: Command) => void;
}

/** What everyone does in a session: their own votes, scoring inputs, results, the ready button. */
export function ParticipantTools({ view, scene, name, send }: Props) {
  const [impact, setImpact] = useState("5");
  const [effort, setEffort] = useState("5");
  const { vote, scoring, rating, ready } = view;
  const [clickToVote, setClickToVote] = useState(true);
  const voteOpen = vote?.status === "open";
  const scoringOpen = scoring?.status === "open";
  /** The note last clicked: what "Score" acts on (viewers cannot select, so a click picks). */
  const [picked, setPicked] = useState<string | null>(null);
  const targets = () => (scene ? selectedNoteIds(scene) : []);
  /** The selected notes, else the note last clicked. */
  const chosen = () => {
    const ids = targets();
    return ids.length > 0 ? ids : picked ? [picked] : [];
  };

  // A vote is cast only by an explicit act: a click on a note while the vote is open (never
  // what happens to be selected when it opens), "v" on the selected notes, or the buttons.
  useNoteClicks(
    scene,
    voteOpen || scoringOpen
      ? (noteId) => {
          setPicked(noteId);
          if (voteOpen && clickToVote) send({ type: "vote.cast", noteId });
        }
      : null,
  );
  useVoteKey(voteOpen ? () => targets().forEach((noteId) => send({ type: "vote.cast", noteId })) : null);
  useEffect(() => {
    if (!voteOpen && !scoringOpen) setPicked(null);
  }, [voteOpen, scoringOpen]);

  const myBallot = Object.entries(vote?.myBallot ?? {});
  // The facilitator votes and scores too; their own controls sit above under the same names.
  const isFacilitator = view.me.role === "facilitator";
  return (
    <div className="fac-participant" data-testid="participant-tools">
      {vote && (
        <section className="fac-group" aria-label="vote">
          <h3 className="fac-group-title">
            {isFacilitator ? "Your votes" : "Dot vote"}
            {vote.status === "open" && (
              <span className="fac-pill" data-testid="votes-left">
                {vote.remaining} votes left
              </span>
            )}
          </h3>
          {vote.status === "open" && (
            <div className="fac-row">
              <label className="fac-check">
                <input type="checkbox" checked={clickToVote} onChange={(e) => setClickToVote(e.target.checked)} /> click a note to vote
              </label>
              <button type="button" data-testid="vote-selected" disabled={vote.remaining === 0} onClick={() => targets().forEach((noteId) => send({ type: "vote.cast", noteId }))}>
                Vote for selected
              </button>
              <button type="button" onClick={() => chosen().forEach((noteId) => send({ type: "vote.retract", noteId }))}>
                Remove my vote
              </button>
            </div>
          )}
          {vote.status === "closed" && <p className="fac-note">Voting closed, waiting for the reveal.</p>}
          {myBallot.length > 0 && (
            <ul className="fac-list">
              {myBallot.map(([noteId, count]) => (
                <li key={noteId}>
                  mine: {noteLabel(scene, noteId)} ×{count}
                </li>
              ))}
            </ul>
          )}
          {vote.results && (
            <ol className="fac-list fac-results" data-testid="vote-results">
              {vote.results.map((r) => (
                <li key={r.noteId} data-note={r.noteId} data-votes={r.votes}>
                  <span>{noteLabel(scene, r.noteId)}</span>
                  <span className="fac-num">{r.votes}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}

      {scoring && (
        <section className="fac-group" aria-label="scoring">
          <h3 className="fac-group-title">{isFacilitator ? "Your scores" : "Score impact / effort (alone)"}</h3>
          {scoring.status === "open" && (
            <div className="fac-row">
              <label className="fac-field">
                impact <input aria-label="impact" type="number" min="1" max="10" value={impact} onChange={(e) => setImpact(e.target.value)} />
              </label>
              <label className="fac-field">
                effort <input aria-label="effort" type="number" min="1" max="10" value={effort} onChange={(e) => setEffort(e.target.value)} />
              </label>
              <button
                type="button"
                data-testid="score-selected"
                onClick={() =>
                  chosen().forEach((noteId) =>
                    send({ type: "scoring.submit", noteId, impact: clamp(impact), effort: clamp(effort) }),
                  )
                }
              >
                Score {picked && targets().length === 0 ? `“${noteLabel(scene, picked)}”` : "selected"}
              </button>
              <span className="fac-note" data-testid="my-scores">
                {Object.keys(scoring.mine).length} scored
              </span>
            </div>
          )}
          {scoring.results && (
            <ol className="fac-list" data-testid="scoring-results">
              {scoring.results.map((r) => (
                <li key={r.noteId} data-note={r.noteId} data-discuss={r.discuss ? "true" : "false"}>
                  {noteLabel(scene, r.noteId)}: impact {r.meanImpact} ±{r.spreadImpact}, effort {r.meanEffort} ±{r.spreadEffort}
                  {r.discuss && <strong className="fac-discuss"> discuss</strong>}
                  {r.accepted && " (placed)"}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}

      {rating && (
        <section className="fac-group" aria-label="rating">
          <h3 className="fac-group-title">Technical health rating</h3>
          <p className="fac-note" data-testid="my-ratings">
            {rating.status === "open"
              ? `Rate each dimension on your own in the Technical health panel: ${Object.keys(rating.mine).length} of 6 rated.`
              : "Ratings revealed: the group's results are in the Technical health panel."}
          </p>
        </section>
      )}

      {/* The facilitator runs the ready check (FacilitatorTools) rather than answering it. */}
      {!isFacilitator && (
        <div className="fac-row fac-ready-row">
          <button
            type="button"
            className={ready.me ? undefined : "primary"}
            data-testid="ready-button"
            aria-pressed={ready.me}
            onClick={() => send({ type: "ready.set", ready: !ready.me, name })}
          >
            {ready.me ? "Not done yet" : "I'm done"}
          </button>
        </div>
      )}
    </div>
  );
}

/** "v" outside text fields votes for the selected notes (the keyboard way to cast). */
function useVoteKey(onVote: (() => void) | null): void {
  const handler = useRef(onVote);
  handler.current = onVote;
  const enabled = onVote !== null;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "v" || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target;
      if (t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      e.preventDefault();
      e.stopPropagation();
      handler.current?.();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [enabled]);
}

function clamp(value: string): number {
  const n = Math.round(Number(value));
  return Number.isFinite(n) ? Math.min(10, Math.max(1, n)) : 5;
}
