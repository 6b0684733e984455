import { escapeMarkdown as md } from "./escape";
import type { BoardView } from "./interpret";
import { field, joinLines, present, rawField, section } from "./markdown-blocks";

/** Executive summary (DOMAIN.md section 1): vision, the themes in one line, time span, resources, outcome. */
export function executiveSummary(view: BoardView): string[] {
  const s = view.summary;
  const themes = view.themes.map(({ theme }) => md(theme.name)).filter((n) => n !== "");
  return section(
    "## Executive summary",
    present([
      field("Vision", s.vision),
      rawField("Strategic themes", themes.join("; ")),
      field("Timeline", s.timeline),
      field("Resources", s.resources),
      field("Expected outcomes", s.outcomes),
    ]),
  );
}

/** Business context (DOMAIN.md section 2); the current state's scorecard has its own section. */
export function businessContext(view: BoardView): string[] {
  const s = view.summary;
  return section(
    "## Business context",
    present([
      field("Business objectives", s.objectives),
      field("Constraints", s.constraints),
      field("Current technical state", s.currentState),
      field("Key technical challenges", s.challenges),
    ]),
  );
}

/** Technical principles, numbered, each with what it means in practice. */
export function principlesSection(view: BoardView): string[] {
  const items = view.principles
    .map((p) => ({ title: md(p.title), meaning: md(joinLines(p.meaning)) }))
    .filter((p) => p.title !== "" || p.meaning !== "")
    .map((p, i) => {
      const head = p.title === "" ? "" : `**${p.title}**`;
      const meaning = p.meaning === "" ? "" : `in practice: ${p.meaning}`;
      return `${i + 1}. ${[head, meaning].filter((x) => x !== "").join(" — ")}`;
    });
  return section("## Technical principles", items);
}
