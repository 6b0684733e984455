import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { completeMention, mentionChoices, mentionQuery, mentionedNames } from "./mentions";

const MAX = 2000;

interface Props {
  people: readonly string[];
  placeholder: string;
  submitLabel: string;
  initial?: string;
  autoFocus?: boolean;
  onSubmit: (text: string, mentions: string[]) => boolean;
  onCancel?: () => void;
  testId: string;
}

/**
 * A comment field: Enter sends, Shift+Enter is a new line, "@" offers the people on the board
 * (arrows and Enter or Tab pick one). Mentions are the roster names found in the text.
 */
export function Composer({ people, placeholder, submitLabel, initial = "", autoFocus = false, onSubmit, onCancel, testId }: Props) {
  const [text, setText] = useState(initial);
  const [caret, setCaret] = useState(initial.length);
  const [active, setActive] = useState(0);
  const field = useRef<HTMLTextAreaElement>(null);
  const query = mentionQuery(text, caret);
  const choices = query ? mentionChoices(query.query, people) : [];
  const open = choices.length > 0 && !(choices.length === 1 && query?.query === choices[0]);

  useEffect(() => {
    if (autoFocus) field.current?.focus();
  }, [autoFocus]);
  useEffect(() => setActive(0), [query?.query]);

  // The caret after a picked mention is put in place as the new text is committed, before the
  // browser handles another key: set a frame later, a key typed in between landed where the
  // controlled value had left the caret (its end) and was then overtaken by the rest of the typing.
  const [picked, setPicked] = useState<{ caret: number } | null>(null);
  useLayoutEffect(() => {
    if (!picked || !field.current) return;
    field.current.focus();
    field.current.setSelectionRange(picked.caret, picked.caret);
  }, [picked]);

  const pick = (name: string) => {
    if (!query) return;
    const next = completeMention(text, caret, query.start, name);
    setText(next.text);
    setCaret(next.caret);
    setPicked({ caret: next.caret }); // a new object each pick: the effect runs even when nothing else changed
  };
  const submit = () => {
    const trimmed = text.trim();
    if (trimmed === "" || trimmed.length > MAX) return;
    if (onSubmit(trimmed, mentionedNames(trimmed, people))) {
      setText("");
      setCaret(0);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : choices.length - 1)) % choices.length);
    } else if (open && (e.key === "Enter" || e.key === "Tab")) {
      e.preventDefault();
      pick(choices[active] ?? choices[0]!);
    } else if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      submit();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onCancel?.();
    }
  };
  const over = text.length > MAX;
  return (
    <div className="comment-composer">
      <textarea
        ref={field}
        data-testid={testId}
        value={text}
        rows={2}
        placeholder={placeholder}
        aria-label={placeholder}
        aria-autocomplete="list"
        aria-expanded={open}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKey}
      />
      {open && (
        <ul className="mention-list" role="listbox" data-testid="mention-choices" aria-label="People to mention">
          {choices.map((name, i) => (
            <li
              key={name}
              role="option"
              aria-selected={i === active}
              className={i === active ? "is-active" : ""}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(name);
              }}
            >
              <span className="mention-avatar" aria-hidden>
                {name.slice(0, 1).toUpperCase()}
              </span>
              {name}
            </li>
          ))}
        </ul>
      )}
      <div className="comment-composer-actions">
        <span className={`comment-hint${over ? " is-over" : ""}`}>
          {over ? `${text.length} / ${MAX}: too long` : "@ to mention · Enter to send"}
        </span>
        {onCancel && (
          <button type="button" className="comment-btn" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="button" className="comment-btn is-primary" data-testid={`${testId}-send`} disabled={text.trim() === "" || over} onClick={submit}>
          {submitLabel}
        </button>
      </div>
    </div>
  );
}
