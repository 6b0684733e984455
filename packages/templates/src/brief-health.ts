import { escapeMarkdown as md } from "./escape";
import type { BoardView } from "./interpret";
import { joinLines, section, table } from "./markdown-blocks";
import { scorecardTitle } from "./scorecard";

/** The technical health scorecard as a table per scorecard; left out when the board has none. */
export function healthSection(view: BoardView): string[] {
  const body: string[] = [];
  for (const card of view.scorecards) {
    if (view.scorecards.length > 1) body.push(`### ${md(scorecardTitle(card.instance))}`, "");
    body.push(
      ...table(
        ["Dimension", "Rating", "Evidence", "Impact", "Notes on the board"],
        ["l", "r", "l", "l", "l"],
        card.dimensions.map((d) => [
          d.name,
          d.record?.rating == null ? "not rated" : `${d.record.rating}/5`,
          md(joinLines(d.record?.evidence ?? "")),
          md(joinLines(d.record?.impact ?? "")),
          d.notes.map((n) => md(n.text)).filter((t) => t !== "").join("; "),
        ]),
      ),
      "",
    );
  }
  return section("## Technical health", body);
}
