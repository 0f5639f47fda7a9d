import { z } from "zod";

/**
 * Keyset cursors: the last row's sort value and id, opaque to clients
 * (base64url JSON) and tied to the sort they were made for.
 */
const Cursor = z.strictObject({ sort: z.string(), key: z.number(), id: z.number().int() });
export type Cursor = z.infer<typeof Cursor>;

export class BadCursorError extends Error {
  override readonly name = "BadCursorError";
  readonly statusCode = 400;
}

export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

export function decodeCursor(value: string, sort: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const cursor = Cursor.safeParse(parsed);
  if (!cursor.success) {
    throw new BadCursorError("cursor is malformed: pass the nextCursor of a previous page unchanged");
  }
  if (cursor.data.sort !== sort) {
    throw new BadCursorError(`cursor was made for sort=${cursor.data.sort}, not sort=${sort}`);
  }
  return cursor.data;
}
