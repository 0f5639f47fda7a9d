import { OmdbAnswer } from "@tvr/queues";
import { z } from "zod";
import { kindForHttpStatus, parseRetryAfter, UpstreamError, type UpstreamErrorKind } from "../errors.ts";
import { describeIssues } from "../http.ts";

const NOT_AVAILABLE = "N/A";

const rating = z.union([
  z.literal(NOT_AVAILABLE).transform(() => null),
  z
    .string()
    // Loaded as sent, also above 10: validation flags it.
    .regex(/^\d{1,2}(\.\d+)?$/, "expected a rating like 8.7 or N/A")
    .transform(Number),
]);

const voteCount = z.union([
  z.literal(NOT_AVAILABLE).transform(() => null),
  z
    .string()
    .regex(/^\d{1,3}(,\d{3})*$|^\d+$/, "expected a vote count like 265,872 or N/A")
    .transform((text) => Number(text.replaceAll(",", ""))),
]);

/** A title looked up with `?i=tt…`: series, movie or episode alike. */
const TitleResponse = z.object({
  Response: z.literal("True"),
  imdbID: z.string(),
  Type: z.string(),
  imdbRating: rating,
  imdbVotes: voteCount,
});

const ErrorResponse = z.object({ Response: z.literal("False"), Error: z.string() });

type ErrorOutcome = { absent: "not_found" } | { kind: UpstreamErrorKind };

// OMDb reports everything as {"Response":"False","Error":…}, with HTTP 200 or 401.
const OUTCOME_BY_MESSAGE: ReadonlyMap<string, ErrorOutcome> = new Map<string, ErrorOutcome>([
  ["incorrect imdb id.", { absent: "not_found" }],
  ["movie not found!", { absent: "not_found" }],
  ["series or episode not found!", { absent: "not_found" }],
  ["invalid api key!", { kind: "auth" }],
  ["no api key provided.", { kind: "auth" }],
  ["request limit reached!", { kind: "quota_exhausted" }],
]);

/**
 * Interprets one OMDb reply. `json` is the parsed body, or undefined when the
 * body was empty or not JSON. Returns the result for "found" and "absent";
 * throws UpstreamError for everything else.
 */
export function parseOmdbResponse(status: number, json: unknown, retryAfter?: string | null): OmdbAnswer {
  if (status >= 500) throw omdbError("transient", `HTTP ${status}`, status);

  const error = ErrorResponse.safeParse(json);
  if (error.success) {
    const message = error.data.Error;
    const outcome = OUTCOME_BY_MESSAGE.get(message.trim().toLowerCase());
    if (outcome && "absent" in outcome) return { status: "absent", reason: outcome.absent };
    const kind = outcome?.kind ?? (isSuccess(status) ? "malformed" : kindForHttpStatus(status));
    throw omdbError(kind, `HTTP ${status}, OMDb error "${message}"`, status, retryAfter);
  }
  if (!isSuccess(status)) throw omdbError(kindForHttpStatus(status), `HTTP ${status}`, status, retryAfter);

  const title = TitleResponse.safeParse(json);
  if (!title.success) {
    throw omdbError("malformed", `${unexpectedShape(json)}: ${describeIssues(title.error)}`, status);
  }
  return OmdbAnswer.parse({
    status: "found",
    imdbRating: title.data.imdbRating,
    imdbCount: title.data.imdbVotes,
  });
}

function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

// Name the response types OMDb gives for other query forms, so a wrong
// request is obvious from the message.
function unexpectedShape(json: unknown): string {
  if (typeof json === "object" && json !== null) {
    if ("Episodes" in json || "Season" in json) return "got a season listing (…&Season=N), not a title";
    if ("Search" in json) return "got a search result (s=…), not a title";
  }
  return "unexpected title response shape";
}

function omdbError(
  kind: UpstreamErrorKind,
  message: string,
  status: number,
  retryAfter?: string | null,
): UpstreamError {
  const retryAfterMs = kind === "rate_limited" ? parseRetryAfter(retryAfter) : undefined;
  return new UpstreamError({
    source: "omdb",
    kind,
    status,
    message,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}
