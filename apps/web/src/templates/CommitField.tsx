import { useState } from "react";

interface Props {
  value: string;
  /** The field's accessible name (also the visible label when `label` is not wrapped around it). */
  label: string;
  testId: string;
  /** Viewers: the text, not a field. */
  readOnly: boolean;
  multiline?: boolean;
  placeholder?: string;
  maxLength?: number;
  /** A datalist of suggestions (one-line fields). */
  list?: string;
  onCommit: (value: string) => void;
}

/**
 * A text field for co-edited text. While I type, my draft is shown and a remote edit of
 * the same field does not replace it under my cursor; when I leave (blur, Enter in a
 * one-line field, Ctrl/⌘+Enter in a text area) the draft is saved; Escape drops it. Not
 * being edited, it shows the document's current value, so other people's edits appear live.
 */
export function CommitField({ value, label, testId, readOnly, multiline = false, placeholder, maxLength, list, onCommit }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  if (readOnly) {
    return (
      <p className="readonly-text" data-testid={testId} aria-label={label}>
        {value || <span className="muted">—</span>}
      </p>
    );
  }
  const commit = (text: string) => {
    setDraft(null);
    if (text !== value) onCommit(text);
  };
  const common = {
    "aria-label": label,
    "data-testid": testId,
    placeholder,
    maxLength,
    value: draft ?? value,
    onBlur: () => draft !== null && commit(draft),
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === "Escape") setDraft(null);
    if (e.key === "Enter" && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit(e.currentTarget.value);
    }
  };
  return multiline ? (
    <textarea {...common} rows={2} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
  ) : (
    <input {...common} list={list} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
  );
}
