/**
 * Who was editing a board since its last snapshot, on this instance: participant ids that
 * joined with an editing link. Taken (and cleared) by each snapshot together with who is
 * connected at that moment.
 */
export class EditorLog {
  private readonly seen = new Map<string, Set<string>>();

  saw(boardId: string, participantId: string): void {
    const ids = this.seen.get(boardId) ?? new Set<string>();
    ids.add(participantId);
    this.seen.set(boardId, ids);
  }

  /** Everyone seen since the last take, plus `present`; starts the next period with nobody. */
  take(boardId: string, present: readonly string[]): string[] {
    const ids = new Set([...(this.seen.get(boardId) ?? []), ...present]);
    this.seen.delete(boardId);
    return [...ids];
  }

  forget(boardId: string): void {
    this.seen.delete(boardId);
  }
}
