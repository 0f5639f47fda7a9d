import { z } from "zod";
import { MART_NAMES } from "./catalog.ts";

export const MartParams = z.object({ name: z.string().describe(`one of ${MART_NAMES.join(", ")}`) });

export const MartQuery = z
  .object({
    format: z
      .enum(["json", "csv", "parquet"])
      .default("json")
      .describe("csv and parquet download every matching row"),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(200).optional().describe("nextCursor of the previous page"),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .describe("filter[<column>]=<value>: rows whose column equals the value (any column of the mart)");

const MartColumn = z.object({ name: z.string(), type: z.string() });

export const MartPage = z
  .object({
    mart: z.string(),
    columns: z.array(MartColumn),
    items: z.array(z.record(z.string(), z.unknown())),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "MartPage" });

export const MartList = z.array(
  z.object({ name: z.string(), built: z.boolean(), columns: z.array(MartColumn) }),
);
