import { useId, useState } from "react";
import type { Due } from "@quadrant/board-model";
import { CommitField } from "./CommitField";
import { dueKind, parseDue, quarterOptions } from "./due";

interface Props {
  owner: string;
  due: string;
  /** Prefix of the data-testids: `${testId}-owner`, `${testId}-due`, `${testId}-due-date`. */
  testId: string;
  /** What it is the owner of, for screen readers ("owner of Adopt SSO"). */
  subject: string;
  readOnly: boolean;
  /** Display names to pick from (participants on the board); any other text is fine too. */
  names: readonly string[];
  now: number;
  /** "" clears the owner. */
  onOwner: (owner: string) => void;
  /** "" clears the due. */
  onDue: (due: Due | "") => void;
}

const DATE = "date";

/**
 * Owner (a participant's name from a list, or free text) and due (a quarter, or a date
 * through "A date…"), each saved when it is left. Shared by initiatives, themes and actions.
 */
export function OwnerDueFields({ owner, due, testId, subject, readOnly, names, now, onOwner, onDue }: Props) {
  const listId = useId();
  // "A date…" picked, but no date entered yet: the date field shows without changing the value.
  const [pickingDate, setPickingDate] = useState(false);
  if (readOnly) {
    return (
      <span className="owner-due muted" data-testid={testId}>
        {owner ? `Owner: ${owner}` : "No owner"}
        {due && ` · due ${due}`}
      </span>
    );
  }
  const kind = dueKind(due);
  const showDate = kind === "date" || pickingDate;
  return (
    <span className="owner-due" data-testid={testId}>
      <CommitField
        value={owner}
        label={`owner of ${subject}`}
        testId={`${testId}-owner`}
        readOnly={false}
        placeholder="Owner"
        maxLength={120}
        onCommit={(v) => onOwner(v.trim())}
        list={listId}
      />
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <select
        aria-label={`due of ${subject}`}
        data-testid={`${testId}-due`}
        value={showDate ? DATE : due}
        onChange={(e) => {
          const v = e.target.value;
          setPickingDate(v === DATE);
          if (v !== DATE) onDue(v === "" ? "" : (parseDue(v) ?? ""));
        }}
      >
        <option value="">No due</option>
        {quarterOptions(now, due).map((q) => (
          <option key={q} value={q}>
            {q}
          </option>
        ))}
        <option value={DATE}>A date…</option>
      </select>
      {showDate && (
        <input
          type="date"
          aria-label={`due date of ${subject}`}
          data-testid={`${testId}-due-date`}
          value={kind === "date" ? due : ""}
          onChange={(e) => {
            const parsed = parseDue(e.target.value);
            if (parsed === null) return;
            setPickingDate(parsed === "");
            onDue(parsed);
          }}
        />
      )}
    </span>
  );
}
