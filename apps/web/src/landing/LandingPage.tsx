import { useEffect, useState, type FormEvent } from "react";
import { TEMPLATE_KINDS, type BoardCreated, type TemplateKind } from "@quadrant/protocol";
import { createBoard, getServerInfo } from "../api/client";
import { isCreateKeyError, rememberCreateKey, rememberedCreateKey } from "../app/createKey";
import { boardLink } from "../app/links";
import { forgetBoard, listBoards, rememberBoard } from "../app/localStore";
import { CreatedLinks } from "./CreatedLinks";

export const TEMPLATE_LABELS: Record<TemplateKind, { name: string; hint: string }> = {
  blank: { name: "Blank", hint: "An empty canvas" },
  "impact-effort": { name: "Impact / effort", hint: "Quick wins, big bets, nice to have, time sinks" },
  swot: { name: "SWOT", hint: "Strengths, weaknesses, opportunities, threats" },
  "theme-map": { name: "Theme map", hint: "Cluster ideas into strategic themes" },
};

export function LandingPage() {
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState<TemplateKind>("impact-effort");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<BoardCreated | null>(null);
  const [boards, setBoards] = useState(listBoards);
  // Asked for only when the operator set BOARD_CREATE_KEY; kept for this tab only.
  const [keyRequired, setKeyRequired] = useState(false);
  const [createKey, setCreateKey] = useState(rememberedCreateKey);

  useEffect(() => {
    void getServerInfo().then((result) => {
      if (result.kind === "ok") setKeyRequired(result.value.createKeyRequired);
    });
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await createBoard({ title: title.trim(), template }, keyRequired ? createKey.trim() : undefined);
    setBusy(false);
    switch (result.kind) {
      case "ok":
        if (keyRequired) rememberCreateKey(createKey.trim());
        rememberBoard({
          id: result.value.id,
          title: result.value.title,
          template: result.value.template,
          role: "facilitator",
          token: result.value.tokens.facilitator,
          tokens: result.value.tokens,
          openedAt: Date.now(),
        });
        setBoards(listBoards());
        setCreated(result.value);
        return;
      case "error":
        if (isCreateKeyError(result.code)) {
          setKeyRequired(true);
          setError(
            result.code === "create_key_required"
              ? "This server needs a board creation key. Ask whoever runs it."
              : "That creation key is not right. Check it with whoever runs this server.",
          );
          return;
        }
        setError(result.message);
        return;
      case "network":
        setError("The server cannot be reached. Check your connection and try again.");
        return;
    }
  }

  return (
    <div className="landing">
      <header className="landing-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden>◩</span> Quadrant
        </span>
        <span className="tagline">Live strategy workshops on one shared canvas</span>
      </header>
      <main className="landing-main">
        <section className="card create-card">
          <h1>Start a workshop board</h1>
          <p className="muted">Give it a name, pick a structure, and share the links. No accounts.</p>
          <form onSubmit={onSubmit} className="create-form">
            <label className="field">
              <span>Board title</span>
              <input
                name="title"
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                placeholder="Q3 platform strategy offsite"
                maxLength={200}
                required
                autoFocus
              />
            </label>
            <fieldset className="templates">
              <legend>Template</legend>
              {TEMPLATE_KINDS.map((kind) => (
                <label key={kind} className={`template-option ${kind === template ? "selected" : ""}`}>
                  <input type="radio" name="template" value={kind} checked={kind === template} onChange={() => setTemplate(kind)} />
                  <span className={`template-icon t-${kind}`} aria-hidden />
                  <span className="template-name">{TEMPLATE_LABELS[kind].name}</span>
                  <span className="template-hint">{TEMPLATE_LABELS[kind].hint}</span>
                </label>
              ))}
            </fieldset>
            {keyRequired && (
              <label className="field">
                <span>Creation key</span>
                <input
                  name="createKey"
                  type="password"
                  autoComplete="off"
                  value={createKey}
                  onChange={(e) => setCreateKey(e.target.value)}
                  placeholder="Given to you by the server's operator"
                  required
                  data-testid="create-key"
                />
                <span className="muted small">This server only lets people with its key create boards.</span>
              </label>
            )}
            {error && <p className="form-error" role="alert">{error}</p>}
            <button className="button primary" type="submit" disabled={busy || title.trim() === "" || (keyRequired && createKey.trim() === "")}>
              {busy ? "Creating…" : "Create board"}
            </button>
          </form>
        </section>
        {created && <CreatedLinks board={created} />}
        <section className="card boards-card">
          <h2>Your boards</h2>
          {boards.length === 0 ? (
            <p className="muted">Boards you create or join on this browser appear here.</p>
          ) : (
            <ul className="board-list" data-testid="board-list">
              {boards.map((b) => (
                <li key={b.id}>
                  <a href={boardLink("", b.id, b.token)}>
                    <span className="board-title">{b.title}</span>
                    <span className="board-meta">
                      {TEMPLATE_LABELS[b.template].name} · <span className={`role role-${b.role}`}>{b.role}</span>
                    </span>
                  </a>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Forget ${b.title}`}
                    onClick={() => {
                      forgetBoard(b.id);
                      setBoards(listBoards());
                    }}
                  >
                    Forget
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
