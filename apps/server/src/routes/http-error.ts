/**
 * An error with an HTTP status and a stable machine code, for refusals that are
 * HTTP's own (rate limits, the create key, upgrades); the error handler renders it.
 * The application layer refuses with ServiceError (services/service-error.ts).
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}
