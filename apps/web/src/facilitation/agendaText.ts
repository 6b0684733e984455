import type { AgendaStep } from "@quadrant/facilitation";

/**
 * The agenda editor's text format, one step per line:
 *   `Brainstorm 10 private` · `Cluster 15 reveal` · `Vote 5 vote3 stack` · `Prioritize 20`
 * A number is the timer in minutes; `private` starts a private brainstorm, `reveal` ends one;
 * `voteN` opens a whole-board vote with N dots (`stack` allows stacking).
 */
export function parseAgenda(text: string): AgendaStep[] {
  const steps: AgendaStep[] = [];
  for (const line of text.split("\n")) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    let minutes: number | null = null;
    let privateMode: boolean | null = null;
    let votes: number | null = null;
    let stack = false;
    const title: string[] = [];
    for (const word of words) {
      const lower = word.toLowerCase();
      const vote = /^vote(\d+)$/.exec(lower);
      if (/^\d+(\.\d+)?$/.test(word)) minutes = Number(word);
      else if (lower === "private") privateMode = true;
      else if (lower === "reveal") privateMode = false;
      else if (lower === "stack") stack = true;
      else if (vote) votes = Number(vote[1]);
      else title.push(word);
    }
    steps.push({
      id: `step${steps.length + 1}`,
      title: (title.join(" ") || `Step ${steps.length + 1}`).slice(0, 120),
      minutes: minutes !== null && minutes > 0 ? Math.min(minutes, 600) : null,
      privateMode,
      vote: votes ? { target: { kind: "board" }, votesPerPerson: Math.min(Math.max(votes, 1), 50), allowStacking: stack } : null,
      focusFrameId: null,
    });
  }
  return steps.slice(0, 50);
}

export function formatAgenda(steps: readonly AgendaStep[]): string {
  return steps
    .map((s) =>
      [
        s.title,
        s.minutes ?? "",
        s.privateMode === true ? "private" : s.privateMode === false ? "reveal" : "",
        s.vote ? `vote${s.vote.votesPerPerson}${s.vote.allowStacking ? " stack" : ""}` : "",
      ]
        .filter((part) => part !== "")
        .join(" "),
    )
    .join("\n");
}
