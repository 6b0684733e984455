/** An error with an HTTP status and a stable machine code; the error handler renders it. */
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

export const notFound = (what = "board") => new HttpError(404, "not_found", `${what} not found`);
export const unauthorized = () =>
  new HttpError(401, "unauthorized", "a valid token for this board is required");
export const forbidden = (message = "this action needs the facilitator link") =>
  new HttpError(403, "forbidden", message);
