import { useState, type FormEvent } from "react";
import { randomColor, saveIdentity, type Identity } from "../app/localStore";

export function NamePrompt({ boardTitle, onDone }: { boardTitle: string; onDone: (identity: Identity) => void }) {
  const [name, setName] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    const identity = { name: name.trim(), color: randomColor(Math.random) };
    saveIdentity(identity);
    onDone(identity);
  }
  return (
    <main className="message-page">
      <span className="brand">
        <span className="brand-mark" aria-hidden>◩</span> Quadrant
      </span>
      <h1>Join “{boardTitle}”</h1>
      <p>How should the others see you? This is remembered on this browser.</p>
      <form onSubmit={submit} className="name-form">
        <input name="displayName" value={name} onChange={(e) => setName(e.target.value)} placeholder="Your name" maxLength={80} autoFocus required />
        <button className="button primary" type="submit" disabled={name.trim() === ""}>
          Join board
        </button>
      </form>
    </main>
  );
}
