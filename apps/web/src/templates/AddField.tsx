import { useState } from "react";

interface Props {
  /** Accessible name of the text field. */
  label: string;
  /** data-testid of the field; the button's is `buttonTestId`. */
  testId: string;
  buttonTestId: string;
  buttonText: string;
  placeholder: string;
  /** Called with the trimmed, non-empty text; the field empties afterwards. */
  onAdd: (text: string) => void;
}

/** One line of text and a button (or Enter) that adds it: a principle, a decision, an alternative. */
export function AddField({ label, testId, buttonTestId, buttonText, placeholder, onAdd }: Props) {
  const [text, setText] = useState("");
  const add = () => {
    if (text.trim() === "") return;
    onAdd(text.trim());
    setText("");
  };
  return (
    <div className="panel-row add-field">
      <input
        aria-label={label}
        data-testid={testId}
        placeholder={placeholder}
        maxLength={500}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === "Enter" && add()}
      />
      <button type="button" data-testid={buttonTestId} disabled={text.trim() === ""} onClick={add}>
        {buttonText}
      </button>
    </div>
  );
}
