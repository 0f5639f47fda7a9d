import type { CannedResponse } from "../runtime/upstream.ts";

/* TMDB's error bodies, with the key order TMDB uses for each. */

export const TMDB_INVALID_API_KEY = {
  status_code: 7,
  status_message: "Invalid API key: You must be granted a valid key.",
  success: false,
};

export const TMDB_NOT_FOUND = {
  success: false,
  status_code: 34,
  status_message: "The resource you requested could not be found.",
};

export const TMDB_INVALID_PAGE = {
  success: false,
  status_code: 22,
  status_message: "Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.",
};

/** The live API sent this text verbatim, "(#)" and "(40)" included, whatever the real numbers. */
export const TMDB_RATE_LIMITED = {
  status_code: 25,
  status_message: "Your request count (#) is over the allowed limit of (40).",
};

const json = "application/json;charset=utf-8";

export const TMDB_FAULT_RESPONSES: Record<"http500" | "http503", CannedResponse> = {
  http500: {
    status: 500,
    contentType: json,
    body: JSON.stringify({
      status_code: 11,
      status_message: "Internal error: Something went wrong, contact TMDb.",
    }),
  },
  http503: {
    status: 503,
    contentType: json,
    body: JSON.stringify({
      status_code: 9,
      status_message: "Service offline: This service is temporarily offline, try again later.",
    }),
  },
};
