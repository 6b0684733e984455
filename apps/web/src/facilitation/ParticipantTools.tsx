import { useEffect, useState } from "react";
import type { Command, FacilitationView } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { noteLabel, selectedNoteIds } from "./sceneHelpers";

interface Props {
  view: FacilitationView;
  scene: ExcalidrawScene | null;
  name: string;
  send: (command: Command) => void;
}

/** What everyone sees: banners, own votes, scoring inputs, results, the ready button. */
export function ParticipantTools({ view, scene, name, send }: Props) {
  const [impact, setImpact] = useState("5");
  const [effort, setEffort] = useState("5");
  const { vote, scoring, brainstorm, lock, ready } = view;
  const selected = () => (scene ? selectedNoteIds(scene) : []);
  const [clickToVote, setClickToVote] = useState(true);
  const voteOpen = vote?.status === "open";

  // Click-to-vote: while a vote is open, clicking (selecting) one note casts a dot on it and
  // clears the selection, so the next click on the same note is another dot (if stacking is on).
  useEffect(() => {
    if (!scene || !voteOpen || !clickToVote) return;
    const interval = setInterval(() => {
      const ids = selectedNoteIds(scene);
      if (ids.length !== 1 || ids[0] === undefined) return;
      send({ type: "vote.cast", noteId: ids[0] });
      scene.api.updateScene({ appState: { selectedElementIds: {} } });
    }, 150);
    return () => clearInterval(interval);
  }, [scene, voteOpen, clickToVote, send]);
  return (
    <div className="fac-participant" data-testid="participant-tools">
      {brainstorm.on && (
        <p className="fac-banner" data-testid="private-banner">
          Private brainstorm: your new notes are visible only to you until the facilitator reveals them
          {brainstorm.mine.length > 0 ? ` (${brainstorm.mine.length} hidden)` : ""}.
        </p>
      )}
      {lock.board && (
        <p className="fac-banner" data-testid="lock-banner">
          The board is locked by the facilitator{view.me.role === "facilitator" ? " (you can still edit)" : ""}.
        </p>
      )}

      {vote && (
        <section aria-label="vote">
          <strong>Dot vote</strong>{" "}
          {vote.status === "open" && (
            <>
              <span data-testid="votes-left">{vote.remaining} votes left</span>
              <label>
                <input type="checkbox" checked={clickToVote} onChange={(e) => setClickToVote(e.target.checked)} /> click a note to vote
              </label>
              <button data-testid="vote-selected" disabled={vote.remaining === 0} onClick={() => selected().forEach((noteId) => send({ type: "vote.cast", noteId }))}>
                Vote for selected
              </button>
              <button onClick={() => selected().forEach((noteId) => send({ type: "vote.retract", noteId }))}>Remove my vote</button>
            </>
          )}
          {vote.status === "closed" && <span>Voting closed, waiting for the reveal</span>}
          <ul>
            {Object.entries(vote.myBallot).map(([noteId, count]) => (
              <li key={noteId}>mine: {noteLabel(scene, noteId)} ×{count}</li>
            ))}
          </ul>
          {vote.results && (
            <ol data-testid="vote-results">
              {vote.results.map((r) => (
                <li key={r.noteId} data-note={r.noteId} data-votes={r.votes}>
                  {noteLabel(scene, r.noteId)}: {r.votes}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}

      {scoring && (
        <section aria-label="scoring">
          <strong>Score impact / effort (alone)</strong>
          {scoring.status === "open" && (
            <div>
              <label>
                impact <input aria-label="impact" type="number" min="1" max="10" value={impact} onChange={(e) => setImpact(e.target.value)} />
              </label>
              <label>
                effort <input aria-label="effort" type="number" min="1" max="10" value={effort} onChange={(e) => setEffort(e.target.value)} />
              </label>
              <button
                data-testid="score-selected"
                onClick={() =>
                  selected().forEach((noteId) =>
                    send({ type: "scoring.submit", noteId, impact: clamp(impact), effort: clamp(effort) }),
                  )
                }
              >
                Score selected
              </button>
              <span data-testid="my-scores">{Object.keys(scoring.mine).length} scored</span>
            </div>
          )}
          {scoring.results && (
            <ol data-testid="scoring-results">
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

      <button data-testid="ready-button" aria-pressed={ready.me} onClick={() => send({ type: "ready.set", ready: !ready.me, name })}>
        {ready.me ? "Not done yet" : "I'm done"}
      </button>
    </div>
  );
}

function clamp(value: string): number {
  const n = Math.round(Number(value));
  return Number.isFinite(n) ? Math.min(10, Math.max(1, n)) : 5;
}
