import { useState } from "react";

interface Props {
  value: number;
  label: string;
  testId: string;
  disabled: boolean;
  onCommit: (value: number) => void;
}

/** A 1–10 score field that commits on Enter or blur, and follows remote changes otherwise. */
export function ScoreInput({ value, label, testId, disabled, onCommit }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const n = Math.round(Number(draft) * 10) / 10;
    setDraft(null);
    if (Number.isFinite(n) && n >= 1 && n <= 10 && n !== value) onCommit(n);
  };
  return (
    <input
      className="score-input"
      type="number"
      min={1}
      max={10}
      step={0.1}
      aria-label={label}
      data-testid={testId}
      disabled={disabled}
      value={draft ?? String(value)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
        if (e.key === "Escape") setDraft(null);
      }}
    />
  );
}
