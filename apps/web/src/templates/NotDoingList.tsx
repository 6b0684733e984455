import type { BoardView } from "@quadrant/templates";

/** What the group is not doing, and why: dropped initiatives and the matrix's Time Sinks (BoardView.notDoing). */
export function NotDoingList({ view }: { view: BoardView }) {
  if (view.notDoing.length === 0) return null;
  return (
    <div data-testid="not-doing">
      <h3>Not doing</h3>
      <ul>
        {view.notDoing.map(({ note, reason, kind }) => (
          <li key={note.id} data-testid={`not-doing-${note.id}`} data-kind={kind}>
            <strong>{note.text || <em>(empty)</em>}</strong> <span className="muted">— {reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
