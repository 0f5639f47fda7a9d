import { UnrecoverableError } from "bullmq";

/**
 * Errors carry a short, bounded reason code (for "failures by reason" and
 * metric labels) and a human detail. The message is "code: detail" because
 * BullMQ only keeps the message as a job's failedReason.
 */
export function stageError(code: string, detail: string, permanent: boolean): Error {
  const message = `${code}: ${detail}`;
  return permanent ? new UnrecoverableError(message) : new Error(message);
}

export function parseFailureReason(message: string | undefined): { reason: string; detail: string | null } {
  const match = /^([a-z][a-z0-9_]*): ([\s\S]*)$/.exec(message ?? "");
  if (match?.[1] && match[2] !== undefined) return { reason: match[1], detail: match[2] };
  return { reason: "error", detail: message ?? null };
}
