import { z } from "zod";
import { QualityPayload, TransformResult, ValidateResult } from "./payloads.ts";

/**
 * The queue contracts other languages read, as JSON Schema files in
 * packages/queues/schemas, generated from the zod schemas (one definition).
 * `quality.schema.json` is what the Python quality worker validates payloads with.
 */
export const JSON_SCHEMA_FILES: Record<string, z.ZodType> = {
  "quality.schema.json": QualityPayload,
  "quality-validate-result.schema.json": ValidateResult,
  "quality-transform-result.schema.json": TransformResult,
};

export const jsonSchemasDir = new URL("../schemas/", import.meta.url);

export const renderJsonSchema = (schema: z.ZodType): string =>
  `${JSON.stringify(z.toJSONSchema(schema, { io: "input" }), null, 2)}\n`;
