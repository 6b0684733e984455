import type { SaveStatus } from "@quadrant/protocol";

/**
 * Whether a room's edits are durable, as opted-in clients are told (SS9): once
 * when a storage outage begins, once when a retried write succeeds, and to every
 * joiner while it lasts. The clock is passed in, so tests are exact.
 * Each method returns the control payload to send, or null when nothing changed.
 */
export class SaveStatusReporter {
  /** Epoch ms of the first failed write of the current outage; null while writes succeed. */
  private unsavedSince: number | null = null;

  /** A write failed: the payload to broadcast at the first failure of an outage. */
  failed(now: number): string | null {
    if (this.unsavedSince !== null) return null;
    this.unsavedSince = now;
    return this.payload();
  }

  /** A write succeeded: after an outage, everything the room held then is durable now. */
  recovered(): string | null {
    if (this.unsavedSince === null) return null;
    this.unsavedSince = null;
    return this.payload();
  }

  /** What a joiner must hear at once: the outage, if one is going on. */
  forJoiner(): string | null {
    return this.unsavedSince === null ? null : this.payload();
  }

  private payload(): string {
    const status: SaveStatus =
      this.unsavedSince === null
        ? { type: "save-status", saved: true }
        : { type: "save-status", saved: false, since: this.unsavedSince, retrying: true };
    return JSON.stringify(status);
  }
}
