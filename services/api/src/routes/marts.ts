import type { Database } from "@tvr/db";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type pg from "pg";
import { z } from "zod";
import { BadCursorError } from "../catalog/cursor.ts";
import { MART_NAMES, type MartName, martColumns, requireMartColumns } from "../marts/catalog.ts";
import { streamCsv, toParquet } from "../marts/export.ts";
import { BadMartQueryError, martSelect, parseMartFilters } from "../marts/query.ts";
import { MartList, MartPage, MartParams, MartQuery } from "../marts/schemas.ts";
import { ErrorBody, errorResponses } from "../schemas.ts";

export interface MartRoutesOptions {
  db: Database;
  /** For streaming downloads (a cursor per request). */
  pool: pg.Pool;
  martsSchema: string;
}

const KNOWN_PARAMS = new Set(["format", "limit", "cursor"]);
const isMart = (name: string): name is MartName => (MART_NAMES as readonly string[]).includes(name);

const OffsetCursor = z.strictObject({ offset: z.number().int().min(0) });
function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    return OffsetCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))).offset;
  } catch {
    throw new BadCursorError("cursor is malformed: pass the nextCursor of a previous page unchanged");
  }
}
/** Downloads bypass the JSON serializer: the response is written as it is produced. */
function startDownload(reply: FastifyReply, name: string, extension: string, contentType: string) {
  reply.hijack();
  reply.raw.writeHead(200, {
    "content-type": contentType,
    "content-disposition": `attachment; filename="${name}.${extension}"`,
  });
  return reply.raw;
}

const encodeOffset = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString("base64url");

export const martRoutes: FastifyPluginAsyncZod<MartRoutesOptions> = async (app, deps) => {
  app.get(
    "/marts",
    {
      schema: {
        summary: "The dbt marts the API serves, whether each is built, and its columns",
        tags: ["marts"],
        response: { 200: MartList, ...errorResponses },
      },
    },
    async () =>
      Promise.all(
        MART_NAMES.map(async (name) => {
          const columns = await martColumns(deps.db, deps.martsSchema, name);
          return { name, built: columns.length > 0, columns };
        }),
      ),
  );

  app.get(
    "/marts/:name",
    {
      schema: {
        summary: "A mart's rows: filters by column, paging; JSON, or a CSV / Parquet download",
        tags: ["marts"],
        params: MartParams,
        querystring: MartQuery,
        response: {
          200: MartPage.describe("format=json; text/csv or application/vnd.apache.parquet for the others"),
          503: ErrorBody.describe("the dbt marts are not built yet"),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      if (!isMart(name)) {
        throw new BadMartQueryError(`unknown mart "${name}": the marts are ${MART_NAMES.join(", ")}`);
      }
      const { format, limit, cursor, ...rest } = request.query;
      const unknown = Object.keys(rest).filter(
        (key) => !KNOWN_PARAMS.has(key) && !/^filter\[.*\]$/.test(key),
      );
      if (unknown.length) {
        throw new BadMartQueryError(
          `unknown parameter ${unknown.map((k) => `"${k}"`).join(", ")}: use format, limit, cursor or filter[<column>]`,
        );
      }
      const columns = await requireMartColumns(deps.db, deps.martsSchema, name);
      const select = {
        schema: deps.martsSchema,
        table: name,
        columns,
        filters: parseMartFilters(rest, columns),
      };

      if (format === "csv") {
        const out = startDownload(reply, name, "csv", "text/csv; charset=utf-8");
        await streamCsv(deps.pool, martSelect(select), columns, out).catch((error: Error) => {
          request.log.error({ err: error, mart: name }, "CSV download failed");
          out.destroy(error);
        });
        return reply;
      }
      if (format === "parquet") {
        const rows = (await deps.db.execute<Record<string, unknown>>(martSelect(select))).rows;
        const file = toParquet(rows, columns);
        startDownload(reply, name, "parquet", "application/vnd.apache.parquet").end(file);
        return reply;
      }
      const offset = decodeOffset(cursor);
      const rows = (
        await deps.db.execute<Record<string, unknown>>(
          martSelect({ ...select, page: { offset, limit: limit + 1 } }),
        )
      ).rows;
      return {
        mart: name,
        columns,
        items: rows.slice(0, limit),
        nextCursor: rows.length > limit ? encodeOffset(offset + limit) : null,
      };
    },
  );
};
