import type WebSocket from "ws";
import { nowMs } from "./clock";
import { encodeAwareness } from "./wire";

/** One client's awareness identity; every send bumps the clock as y-protocols' Awareness does. */
export class Cursor {
  private clock = 0;

  constructor(
    readonly clientId: number,
    private readonly name: string,
  ) {}

  send(ws: WebSocket, seq: number): void {
    this.clock++;
    const state = JSON.stringify({
      user: { name: this.name, color: "#1e88e5" },
      cursor: { x: (seq * 37) % 1600, y: (seq * 53) % 900 },
      t: nowMs(),
    });
    ws.send(encodeAwareness([{ clientId: this.clientId, clock: this.clock, state }]));
  }
}
