/**
 * A refusal from the application layer. Services know no HTTP: the error handler
 * (routes/error-handler.ts) gives each kind its status; `code` is the stable
 * machine code of the error body.
 */
export type ServiceErrorKind = "invalid" | "unauthorized" | "forbidden" | "not-found" | "conflict";

export class ServiceError extends Error {
  constructor(
    readonly kind: ServiceErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export const notFound = (what = "board") => new ServiceError("not-found", "not_found", `${what} not found`);
export const unauthorized = () =>
  new ServiceError("unauthorized", "unauthorized", "a valid token for this board is required");
export const forbidden = (message = "this action needs the facilitator link") =>
  new ServiceError("forbidden", "forbidden", message);
