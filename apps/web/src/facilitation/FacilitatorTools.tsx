import { type ReactNode, useState } from "react";
import type { TemplateInstance } from "@quadrant/board-model";
import type { Command, FacilitationView } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type * as Y from "yjs";
import { Fold } from "../board/Fold";
import { AgendaSteps } from "./AgendaSteps";
import { keepStepFrames } from "./agendaFrames";
import { formatAgenda, parseAgenda } from "./agendaText";
import { ratingTarget } from "./ratingTarget";
import { PreworkTools } from "./PreworkTools";
import { currentViewport, targetFrameId, noteLabel, selectedFrameId, selectedNoteIds } from "./sceneHelpers";
import { GroupsSection } from "../groups/GroupsSection";

/** Which frame the lock and spotlight buttons act on (sceneHelpers.targetFrameId): a locked template cannot be selected. */
const FRAME_TARGET_RULE = "The selected frame, else the frame holding the selection, else the frame in the middle of your view";

interface Props {
  view: FacilitationView;
  scene: ExcalidrawScene | null;
  /** The board's template instances ("Open rating" picks a health scorecard among them). */
  templates: readonly TemplateInstance[];
  send: (command: Command) => void;
  /** The board document: the agenda's frame picker lists its frames (the outline). */
  doc: Y.Doc;
}

/** One titled block of the dock: a small heading (that folds the block, remembered per browser) over a wrapping row of controls. */
function Group({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  const id = `fac-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <Fold id={id} title={title} level={3} className="fac-group" headingClassName="fac-group-title" extra={extra}>
      {children}
    </Fold>
  );
}

/** The discuss threshold of a scoring or rating round: a spread (std dev) above it flags the item. */
function SpreadField(props: { label: string; what: string; max: number; value: string; onChange: (value: string) => void }) {
  return (
    <label className="fac-field" title={`${props.what} spread more than this are flagged for discussion`}>
      spread ≥{" "}
      <input aria-label={props.label} type="number" min="0" max={props.max} step="0.5" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </label>
  );
}

/** The facilitator's tools, docked beside the canvas. Every button is a command the server checks again. */
export function FacilitatorTools({ view, scene, templates, send, doc }: Props) {
  /** Runs `act` on the frame the lock and spotlight buttons target, if there is one. */
  const onTargetFrame = (act: (frameId: string, scene: ExcalidrawScene) => void) => {
    const frame = scene ? targetFrameId(scene) : null;
    if (scene && frame) act(frame, scene);
  };
  const [minutes, setMinutes] = useState("5");
  const [votes, setVotes] = useState("3");
  const [stacking, setStacking] = useState(true);
  const [threshold, setThreshold] = useState("2");
  const [ratingThreshold, setRatingThreshold] = useState("1");
  const [ratingHint, setRatingHint] = useState<string | null>(null);
  const [agenda, setAgenda] = useState(() => formatAgenda(view.agenda.steps));
  const target = (): Extract<Command, { type: "vote.open" }>["target"] => {
    if (!scene) return { kind: "board" };
    const frame = selectedFrameId(scene);
    if (frame) return { kind: "frame", frameId: frame };
    const notes = selectedNoteIds(scene);
    return notes.length > 0 ? { kind: "notes", noteIds: notes } : { kind: "board" };
  };
  const { vote, scoring, rating, brainstorm, focus, lock, ready, participants } = view;
  const hasScorecard = templates.some((t) => t.kind === "health-scorecard");
  const openRating = () => {
    const card = ratingTarget(templates, scene ? targetFrameId(scene) : null);
    setRatingHint(card ? null : "Several scorecards: select the one to rate first");
    if (card) send({ type: "rating.open", templateId: card.id, threshold: Number(ratingThreshold) || 1 });
  };

  return (
    <div className="fac-tools" data-testid="facilitator-tools">
      {/* Start/Pause/Resume are beside the time in the dock's header (TimerBar). */}
      <Group title="Timer">
        <div className="fac-row">
          <label className="fac-field">
            <input aria-label="timer minutes" type="number" min="0" step="1" value={minutes} onChange={(e) => setMinutes(e.target.value)} /> min
          </label>
          <button type="button" onClick={() => send({ type: "timer.set", minutes: Number(minutes) || 0 })}>Set</button>
          <button type="button" onClick={() => send({ type: "timer.addMinute" })}>+1 min</button>
          <button type="button" onClick={() => send({ type: "timer.reset" })}>Reset</button>
        </div>
      </Group>

      <Group title="Dot vote" extra={vote && vote.status !== "revealed" && <span className="fac-pill" data-testid="fac-voters">{vote.voters ?? 0} voted</span>}>
        <div className="fac-row">
          {(!vote || vote.status === "revealed") && (
            <>
              <label className="fac-field">
                <input aria-label="votes per person" type="number" min="1" max="50" value={votes} onChange={(e) => setVotes(e.target.value)} /> each
              </label>
              <label className="fac-check">
                <input type="checkbox" checked={stacking} onChange={(e) => setStacking(e.target.checked)} /> stacking
              </label>
              <button
                type="button"
                title="On the selected frame, else the selected notes, else the whole board"
                onClick={() => send({ type: "vote.open", target: target(), votesPerPerson: Number(votes) || 3, allowStacking: stacking })}
              >
                Open vote
              </button>
            </>
          )}
          {vote?.status === "open" && <button type="button" onClick={() => send({ type: "vote.close" })}>Close</button>}
          {vote && vote.status !== "revealed" && <button type="button" className="primary" onClick={() => send({ type: "vote.reveal" })}>Reveal votes</button>}
          {vote && <button type="button" onClick={() => send({ type: "vote.clear" })}>Clear</button>}
        </div>
      </Group>

      <Group title="Private brainstorm" extra={brainstorm.on && <span className="fac-pill" data-testid="fac-held">{brainstorm.heldCount ?? 0} hidden {brainstorm.heldCount === 1 ? "note" : "notes"}</span>}>
        <div className="fac-row">
          {brainstorm.on ? (
            <button type="button" className="primary" onClick={() => send({ type: "brainstorm.reveal" })}>Reveal notes</button>
          ) : (
            <button type="button" onClick={() => send({ type: "brainstorm.start" })}>Start private brainstorm</button>
          )}
        </div>
      </Group>

      <Group title="Impact / effort scoring" extra={scoring && <span className="fac-pill">{scoring.scorers ?? 0} scored</span>}>
        <div className="fac-row">
          {!scoring ? (
            <>
              <SpreadField label="spread threshold" what="Notes whose scores" max={10} value={threshold} onChange={setThreshold} />
              <button type="button" onClick={() => send({ type: "scoring.open", target: target(), threshold: Number(threshold) || 2 })}>Open scoring</button>
            </>
          ) : (
            <>
              {scoring.status === "open" && <button type="button" className="primary" onClick={() => send({ type: "scoring.reveal" })}>Reveal scores</button>}
              <button type="button" onClick={() => send({ type: "scoring.close" })}>End scoring</button>
            </>
          )}
        </div>
        {scoring?.results?.map((r) => (
          <div key={r.noteId} className="fac-row fac-result-row">
            <span>{noteLabel(scene, r.noteId)}</span>
            {!r.accepted && <button type="button" className="small" onClick={() => send({ type: "scoring.accept", noteId: r.noteId })}>Accept mean</button>}
          </div>
        ))}
      </Group>

      <PreworkTools view={view} send={send} target={target} />

      <Group title="Health scorecard rating" extra={rating && <span className="fac-pill" data-testid="fac-raters">{rating.raters ?? 0} rated</span>}>
        <div className="fac-row">
          {!rating ? (
            <>
              <SpreadField label="rating spread threshold" what="Dimensions whose ratings" max={4} value={ratingThreshold} onChange={setRatingThreshold} />
              <button
                type="button"
                data-testid="open-rating"
                disabled={!hasScorecard}
                title={hasScorecard ? "On the selected scorecard, else the only one; everyone rates in the Technical health panel" : "Insert a technical health scorecard first"}
                onClick={openRating}
              >
                Open rating
              </button>
            </>
          ) : (
            <>
              {rating.status === "open" && (
                <button type="button" className="primary" data-testid="reveal-ratings" onClick={() => send({ type: "rating.reveal" })}>
                  Reveal ratings
                </button>
              )}
              <button type="button" data-testid="end-rating" onClick={() => send({ type: "rating.close" })}>End rating</button>
            </>
          )}
        </div>
        {ratingHint && !rating && <p className="fac-note">{ratingHint}</p>}
      </Group>

      <Group title="Focus and lock">
        <div className="fac-row">
          <button type="button" data-testid="bring-everyone" onClick={() => scene && send({ type: "focus.summon", viewport: currentViewport(scene) })}>
            Bring everyone here
          </button>
          <label className="fac-check">
            <input
              type="checkbox"
              checked={focus.followMe}
              onChange={(e) => send({ type: "focus.follow", on: e.target.checked, ...(scene ? { viewport: currentViewport(scene) } : {}) })}
            />{" "}
            follow me
          </label>
        </div>
        <div className="fac-row">
          <button type="button" title={FRAME_TARGET_RULE} onClick={() => onTargetFrame((frame) => send({ type: "focus.spotlight", frameId: frame }))}>
            Spotlight selected frame
          </button>
          {focus.spotlightFrameId && (
            <button type="button" onClick={() => send({ type: "focus.spotlight", frameId: null })}>
              Clear spotlight
            </button>
          )}
          <label className="fac-check">
            <input type="checkbox" checked={lock.board} onChange={(e) => send({ type: "lock.board", locked: e.target.checked })} /> lock board
          </label>
        </div>
        <div className="fac-row">
          <button
            type="button"
            title={FRAME_TARGET_RULE}
            onClick={() =>
              onTargetFrame((frame, current) => {
                // Toggle what the canvas shows: a new template arrives locked before the server's list knows
                // it, so `lock.frames` alone made the first click re-lock it and look like it did nothing.
                const shown = current.api.getSceneElements().find((e) => e.id === frame);
                send({ type: "lock.frame", frameId: frame, locked: !(shown?.locked ?? lock.frames.includes(frame)) });
              })
            }
          >
            Lock/unlock selected template
          </button>
        </div>
      </Group>

      <GroupsSection view={view} send={send} />

      <Group title="Agenda">
        <textarea
          aria-label="agenda"
          rows={3}
          value={agenda}
          onChange={(e) => setAgenda(e.target.value)}
          placeholder={"Brainstorm 10 private\nCluster 15 reveal\nVote 5 vote3 stack\nPrioritize 20"}
        />
        <div className="fac-row">
          <button type="button" onClick={() => send({ type: "agenda.set", steps: keepStepFrames(parseAgenda(agenda), view.agenda.steps) })}>Save agenda</button>
          <button type="button" className="primary" onClick={() => send({ type: "agenda.next" })} disabled={view.agenda.current + 1 >= view.agenda.steps.length}>
            Next step
          </button>
        </div>
        <AgendaSteps view={view} doc={doc} send={send} />
      </Group>

      <Group
        title="Ready check"
        extra={
          participants && (
            <span className="fac-pill" data-testid="fac-participants" title={participants.who.map((p) => `${p.name} (${p.role})`).join(", ")}>
              {participants.count} took part
            </span>
          )
        }
      >
        <div className="fac-row">
          <span className="fac-note" data-testid="fac-ready">
            {ready.count} done{ready.who && ready.who.length > 0 ? `: ${ready.who.map((w) => w.name || "anonymous").join(", ")}` : ""}
          </span>
          <button type="button" className="small" onClick={() => send({ type: "ready.clear" })}>Clear</button>
        </div>
      </Group>
    </div>
  );
}
