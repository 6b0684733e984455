import { useState } from "react";
import type { Command, FacilitationView } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { formatAgenda, parseAgenda } from "./agendaText";
import { currentViewport, noteLabel, selectedFrameId, selectedNoteIds } from "./sceneHelpers";

interface Props {
  view: FacilitationView;
  scene: ExcalidrawScene | null;
  send: (command: Command) => void;
}

/** The facilitator's toolbar. Every button is a command the server checks again. */
export function FacilitatorTools({ view, scene, send }: Props) {
  const [minutes, setMinutes] = useState("5");
  const [votes, setVotes] = useState("3");
  const [stacking, setStacking] = useState(true);
  const [threshold, setThreshold] = useState("2");
  const [agenda, setAgenda] = useState(() => formatAgenda(view.agenda.steps));
  const target = (): Extract<Command, { type: "vote.open" }>["target"] => {
    if (!scene) return { kind: "board" };
    const frame = selectedFrameId(scene);
    if (frame) return { kind: "frame", frameId: frame };
    const notes = selectedNoteIds(scene);
    return notes.length > 0 ? { kind: "notes", noteIds: notes } : { kind: "board" };
  };
  const { timer, vote, scoring, brainstorm, focus, lock, ready } = view;

  return (
    <div className="fac-tools" data-testid="facilitator-tools">
      <fieldset>
        <legend>Timer</legend>
        <input aria-label="timer minutes" type="number" min="0" step="1" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        <button onClick={() => send({ type: "timer.set", minutes: Number(minutes) || 0 })}>Set</button>
        {timer.status === "idle" && <button onClick={() => send({ type: "timer.start" })}>Start</button>}
        {timer.status === "running" && <button onClick={() => send({ type: "timer.pause" })}>Pause</button>}
        {timer.status === "paused" && <button onClick={() => send({ type: "timer.resume" })}>Resume</button>}
        <button onClick={() => send({ type: "timer.addMinute" })}>+1 min</button>
        <button onClick={() => send({ type: "timer.reset" })}>Reset</button>
      </fieldset>

      <fieldset>
        <legend>Dot vote</legend>
        {!vote || vote.status === "revealed" ? (
          <>
            <input aria-label="votes per person" type="number" min="1" max="50" value={votes} onChange={(e) => setVotes(e.target.value)} />
            <label>
              <input type="checkbox" checked={stacking} onChange={(e) => setStacking(e.target.checked)} /> stacking
            </label>
            <button
              title="On the selected frame, else the selected notes, else the whole board"
              onClick={() => send({ type: "vote.open", target: target(), votesPerPerson: Number(votes) || 3, allowStacking: stacking })}
            >
              Open vote
            </button>
          </>
        ) : (
          <span data-testid="fac-voters">{vote.voters ?? 0} voted</span>
        )}
        {vote?.status === "open" && <button onClick={() => send({ type: "vote.close" })}>Close</button>}
        {vote && vote.status !== "revealed" && <button onClick={() => send({ type: "vote.reveal" })}>Reveal votes</button>}
        {vote && <button onClick={() => send({ type: "vote.clear" })}>Clear</button>}
      </fieldset>

      <fieldset>
        <legend>Private brainstorm</legend>
        {brainstorm.on ? (
          <>
            <span data-testid="fac-held">{brainstorm.heldCount ?? 0} hidden notes</span>
            <button onClick={() => send({ type: "brainstorm.reveal" })}>Reveal notes</button>
          </>
        ) : (
          <button onClick={() => send({ type: "brainstorm.start" })}>Start private brainstorm</button>
        )}
      </fieldset>

      <fieldset>
        <legend>Impact/effort scoring</legend>
        {!scoring ? (
          <>
            <input aria-label="spread threshold" type="number" min="0" max="10" step="0.5" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
            <button onClick={() => send({ type: "scoring.open", target: target(), threshold: Number(threshold) || 2 })}>Open scoring</button>
          </>
        ) : (
          <>
            <span>{scoring.scorers ?? 0} scored</span>
            {scoring.status === "open" && <button onClick={() => send({ type: "scoring.reveal" })}>Reveal scores</button>}
            <button onClick={() => send({ type: "scoring.close" })}>End scoring</button>
          </>
        )}
        {scoring?.results?.map((r) => (
          <div key={r.noteId} className="fac-row">
            {noteLabel(scene, r.noteId)}{" "}
            {!r.accepted && <button onClick={() => send({ type: "scoring.accept", noteId: r.noteId })}>Accept mean</button>}
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>Focus and lock</legend>
        <button data-testid="bring-everyone" onClick={() => scene && send({ type: "focus.summon", viewport: currentViewport(scene) })}>
          Bring everyone here
        </button>
        <label>
          <input
            type="checkbox"
            checked={focus.followMe}
            onChange={(e) => send({ type: "focus.follow", on: e.target.checked, ...(scene ? { viewport: currentViewport(scene) } : {}) })}
          />{" "}
          follow me
        </label>
        <button onClick={() => send({ type: "focus.spotlight", frameId: scene ? selectedFrameId(scene) : null })}>
          {focus.spotlightFrameId ? "Spotlight selected / clear" : "Spotlight selected frame"}
        </button>
        <label>
          <input type="checkbox" checked={lock.board} onChange={(e) => send({ type: "lock.board", locked: e.target.checked })} /> lock board
        </label>
        <button
          onClick={() => {
            const frame = scene ? selectedFrameId(scene) : null;
            if (frame) send({ type: "lock.frame", frameId: frame, locked: !lock.frames.includes(frame) });
          }}
        >
          Lock/unlock selected template
        </button>
      </fieldset>

      <fieldset>
        <legend>Agenda</legend>
        <textarea aria-label="agenda" rows={4} value={agenda} onChange={(e) => setAgenda(e.target.value)} placeholder={"Brainstorm 10 private\nCluster 15 reveal\nVote 5 vote3 stack\nPrioritize 20"} />
        <button onClick={() => send({ type: "agenda.set", steps: parseAgenda(agenda) })}>Save agenda</button>
        <button onClick={() => send({ type: "agenda.next" })} disabled={view.agenda.current + 1 >= view.agenda.steps.length}>
          Next step
        </button>
        <ol>
          {view.agenda.steps.map((s, i) => (
            <li key={s.id} className={i === view.agenda.current ? "fac-current" : undefined}>{s.title}</li>
          ))}
        </ol>
      </fieldset>

      <fieldset>
        <legend>Ready</legend>
        <span data-testid="fac-ready">{ready.count} done{ready.who && ready.who.length > 0 ? `: ${ready.who.map((w) => w.name || "anonymous").join(", ")}` : ""}</span>
        <button onClick={() => send({ type: "ready.clear" })}>Clear</button>
      </fieldset>
    </div>
  );
}
