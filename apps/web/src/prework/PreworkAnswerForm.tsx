import { type FormEvent, useState } from "react";
import type { PreworkAnswer } from "@quadrant/facilitation";
import type { PreworkPart } from "./PreworkForm";

interface Props {
  prework: PreworkPart;
  disabled: boolean;
  sending: boolean;
  onSubmit: (answer: PreworkAnswer) => void;
}

type Scores = Record<string, { impact: number; effort: number }>;

const itemName = (text: string) => (text.trim() === "" ? "(a note without text)" : text);

/** The answer for the pre-work's kind; starts from what this person submitted before. */
export function PreworkAnswerForm({ prework, disabled, sending, onSubmit }: Props) {
  const mine = prework.mine?.answer ?? null;
  const [scores, setScores] = useState<Scores>(() => (mine?.kind === "scoring" ? { ...mine.scores } : {}));
  const [ballot, setBallot] = useState<Record<string, number>>(() => (mine?.kind === "vote" ? { ...mine.ballot } : {}));
  const [notes, setNotes] = useState<string[]>(() => (mine?.kind === "brainstorm" ? [...mine.notes] : []));
  const [draft, setDraft] = useState("");

  const answer = (): PreworkAnswer | null => {
    switch (prework.kind) {
      case "scoring":
        return Object.keys(scores).length > 0 ? { kind: "scoring", scores } : null;
      case "vote":
        return Object.keys(ballot).length > 0 ? { kind: "vote", ballot } : null;
      case "brainstorm": {
        const all = draft.trim() === "" ? notes : [...notes, draft.trim()];
        return all.length > 0 ? { kind: "brainstorm", notes: all } : null;
      }
    }
  };
  const ready = answer();

  function submit(event: FormEvent) {
    event.preventDefault();
    const a = answer();
    if (!a) return;
    if (a.kind === "brainstorm") {
      setNotes(a.notes);
      setDraft("");
    }
    onSubmit(a);
  }

  const used = Object.values(ballot).reduce((n, c) => n + c, 0);
  const left = prework.votesPerPerson - used;

  return (
    <form className="prework-form" onSubmit={submit} data-testid="prework-form">
      {prework.kind === "scoring" && (
        <>
          <p className="muted small" data-testid="prework-progress">
            {Object.keys(scores).length} of {prework.items.length} scored · 1 = low, 10 = high
          </p>
          <ol className="prework-items">
            {prework.items.map((item, i) => {
              const score = scores[item.noteId];
              const set = (axis: "impact" | "effort", value: number) => {
                const v = Math.min(10, Math.max(1, Math.round(value) || 1));
                setScores((s) => ({ ...s, [item.noteId]: { impact: 5, effort: 5, ...s[item.noteId], [axis]: v } }));
              };
              return (
                <li key={item.noteId} className={`prework-item${score ? " scored" : ""}`} data-testid={`prework-item-${i}`} data-note-id={item.noteId}>
                  <div className="prework-item-text">{itemName(item.text)}</div>
                  {(["impact", "effort"] as const).map((axis) => (
                    <label key={axis} className="prework-score">
                      <span className="prework-axis">{axis === "impact" ? "Impact" : "Effort"}</span>
                      <input
                        type="range"
                        min={1}
                        max={10}
                        value={score?.[axis] ?? 5}
                        disabled={disabled}
                        aria-label={`${axis} of ${itemName(item.text)}`}
                        onChange={(e) => set(axis, Number(e.target.value))}
                      />
                      <input
                        type="number"
                        min={1}
                        max={10}
                        inputMode="numeric"
                        className="prework-number"
                        value={score ? String(score[axis]) : ""}
                        placeholder="–"
                        disabled={disabled}
                        data-testid={`prework-${axis}-${i}`}
                        aria-label={`${axis} (1 to 10) of ${itemName(item.text)}`}
                        onChange={(e) => e.target.value !== "" && set(axis, Number(e.target.value))}
                      />
                    </label>
                  ))}
                  {!score && <span className="muted small">not scored yet</span>}
                </li>
              );
            })}
          </ol>
        </>
      )}

      {prework.kind === "vote" && (
        <>
          <p className="muted small" data-testid="prework-progress">
            {left} of {prework.votesPerPerson} {prework.votesPerPerson === 1 ? "vote" : "votes"} left
            {prework.allowStacking ? " · you may put several on one item" : " · one per item"}
          </p>
          <ol className="prework-items">
            {prework.items.map((item, i) => {
              const count = ballot[item.noteId] ?? 0;
              const canAdd = left > 0 && (prework.allowStacking || count === 0);
              const change = (delta: number) =>
                setBallot((b) => {
                  const next = { ...b };
                  const value = (next[item.noteId] ?? 0) + delta;
                  if (value <= 0) delete next[item.noteId];
                  else next[item.noteId] = value;
                  return next;
                });
              return (
                <li key={item.noteId} className={`prework-item prework-vote-item${count > 0 ? " scored" : ""}`} data-testid={`prework-item-${i}`} data-note-id={item.noteId}>
                  <div className="prework-item-text">{itemName(item.text)}</div>
                  <div className="prework-stepper">
                    <button type="button" disabled={disabled || count === 0} aria-label={`remove a vote from ${itemName(item.text)}`} data-testid={`prework-less-${i}`} onClick={() => change(-1)}>
                      −
                    </button>
                    <span className="prework-dots" data-testid={`prework-votes-${i}`} aria-label={`${count} votes`}>
                      {count}
                    </span>
                    <button type="button" disabled={disabled || !canAdd} aria-label={`add a vote to ${itemName(item.text)}`} data-testid={`prework-more-${i}`} onClick={() => change(1)}>
                      +
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}

      {prework.kind === "brainstorm" && (
        <>
          <ul className="prework-notes" data-testid="prework-notes">
            {notes.map((note, i) => (
              <li key={`${i}-${note}`} className="prework-note">
                <span>{note}</span>
                <button type="button" className="link-button" disabled={disabled} aria-label={`remove note ${note}`} onClick={() => setNotes((n) => n.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <label className="prework-note-box">
            <span className="small">A note (one idea per note; up to 30)</span>
            <textarea
              rows={3}
              maxLength={500}
              value={draft}
              disabled={disabled || notes.length >= 30}
              data-testid="prework-note-input"
              onChange={(e) => setDraft(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="button"
            disabled={disabled || draft.trim() === "" || notes.length >= 30}
            data-testid="prework-add-note"
            onClick={() => {
              setNotes((n) => [...n, draft.trim()]);
              setDraft("");
            }}
          >
            Add another note
          </button>
        </>
      )}

      <button type="submit" className="button primary prework-submit" disabled={disabled || !ready} data-testid="prework-submit">
        {sending ? "Sending…" : prework.mine ? "Update my answers" : "Submit"}
      </button>
    </form>
  );
}
