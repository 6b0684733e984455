import { mentionRuns } from "./mentions";

/** Comment text with its @mentions highlighted (only names the server resolved: no false highlights). */
export function MessageText({ text, mentions }: { text: string; mentions: readonly string[] }) {
  return (
    <p className="comment-text">
      {mentionRuns(text, mentions).map((run, i) =>
        run.mention ? (
          <span key={i} className="comment-mention">
            {run.text}
          </span>
        ) : (
          <span key={i}>{run.text}</span>
        ),
      )}
    </p>
  );
}

/** "just now", "5 min ago", "3 h ago", else the date and time. */
export function when(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return new Date(at).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
