import { STATUS_CODES } from "node:http";
import type { FastifyError, FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";

export interface ErrorBody {
  error: string;
  message: string;
  issues?: Array<{ path: string; message: string }>;
}

/** Where in the request a validation issue is, e.g. "body.maxPages" or "querystring.limit". */
const issuePath = (context: string | undefined, instancePath: string) =>
  [context ?? "request", ...instancePath.split("/").filter(Boolean)].join(".");

/** A 5xx whose message is meant for the client (e.g. 503 "the marts are not built yet"). */
const isExposed = (error: FastifyError) => "expose" in error && error.expose === true;

/** Maps any thrown error to a response: 4xx say what is wrong, 5xx say nothing about internals. */
export function toErrorResponse(error: FastifyError): { status: number; body: ErrorBody; internal: boolean } {
  if (error.validation) {
    const issues = error.validation.map((v) => ({
      path: issuePath(error.validationContext, v.instancePath),
      message: v.message ?? "invalid",
    }));
    return {
      status: 400,
      internal: false,
      body: {
        error: "Bad Request",
        message: issues.map((i) => `${i.path}: ${i.message}`).join("; "),
        issues,
      },
    };
  }
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  if (status < 500 || isExposed(error)) {
    return {
      status,
      internal: false,
      body: { error: STATUS_CODES[status] ?? "Error", message: error.message },
    };
  }
  return {
    status,
    internal: true,
    body: { error: STATUS_CODES[status] ?? "Error", message: "internal error; see the API server log" },
  };
}

const errors: FastifyPluginAsync = async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body, internal } = toErrorResponse(error);
    if (internal) request.log.error({ err: error }, "request failed");
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: "Not Found", message: `no route ${request.method} ${request.url.split("?")[0]}` }),
  );
};

export const errorsPlugin = fp(errors, { name: "errors", fastify: "5.x" });
