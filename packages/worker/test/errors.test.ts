import { UnrecoverableError } from "bullmq";
import { describe, expect, it } from "vitest";
import { parseFailureReason, stageError } from "../src/errors.ts";

describe("stage errors", () => {
  it("round-trips a reason code and detail through the job's failedReason", () => {
    const error = stageError("transient", "HTTP 503 from TMDB", false);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect(parseFailureReason(error.message)).toEqual({ reason: "transient", detail: "HTTP 503 from TMDB" });
  });

  it("makes permanent errors unrecoverable", () => {
    expect(stageError("not_found", "no such series", true)).toBeInstanceOf(UnrecoverableError);
  });

  it("falls back to a generic reason for foreign messages", () => {
    expect(parseFailureReason("Something Broke")).toEqual({ reason: "error", detail: "Something Broke" });
    expect(parseFailureReason(undefined)).toEqual({ reason: "error", detail: null });
  });
});
