import { type Command, FacilitationView } from "@quadrant/facilitation";
import { type ApiResult, request } from "../api/client";

/**
 * The caller's facilitation view over REST (the pre-work page, which opens no websocket).
 * `participant` is this browser's participant id (facilitation/participantId.ts).
 */
export function getFacilitationView(id: string, token: string, participant: string): Promise<ApiResult<FacilitationView>> {
  return request(FacilitationView, `/api/boards/${encodeURIComponent(id)}/facilitation?participant=${encodeURIComponent(participant)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** Runs one facilitation command over REST; a refusal comes back as an error with the server's message. */
export function sendFacilitationCommand(id: string, token: string, participant: string, command: Command): Promise<ApiResult<FacilitationView>> {
  return request(FacilitationView, `/api/boards/${encodeURIComponent(id)}/facilitation/commands?participant=${encodeURIComponent(participant)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ command }),
  });
}
