import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ErrorBody } from "@quadrant/protocol";
import { ServiceError, type ServiceErrorKind } from "../services/service-error";
import { HttpError } from "./http-error";

const SERVICE_STATUS: Record<ServiceErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
};

function body(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** The one place errors become responses: always `{error:{code,message}}`; 5xx details never leak. */
export function installErrorHandler(app: FastifyInstance, limits: { bodyLimitBytes: number }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send(body(error.code, error.message));
    }
    if (error instanceof ServiceError) {
      return reply.status(SERVICE_STATUS[error.kind]).send(body(error.code, error.message));
    }
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply
        .status(413)
        .send(body("body_too_large", `the request body is larger than this route accepts (${limits.bodyLimitBytes} bytes for most routes; operators set BODY_LIMIT_BYTES)`));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const where = error.validationContext ?? "request";
      const field = first?.instancePath ? first.instancePath.replace(/^\//, "").replaceAll("/", ".") : "";
      const message = first
        ? `${where}${field ? `.${field}` : ""}: ${first.message ?? "invalid"}`
        : "invalid request";
      return reply.status(400).send(body("invalid_request", message));
    }
    const status = typeof error.statusCode === "number" ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(body(error.code ?? "bad_request", error.message));
    }
    request.log.error({ err: error }, "request failed");
    return reply.status(500).send(body("internal_error", "internal server error"));
  });

  app.setNotFoundHandler((request, reply) => {
    return reply.status(404).send(body("not_found", `no route for ${request.method} ${request.url.split("?")[0]}`));
  });
}
