import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { JSON_SCHEMA_FILES, jsonSchemasDir, renderJsonSchema } from "../src/json-schemas.ts";
import { QualityPayload } from "../src/payloads.ts";

describe("committed JSON Schemas", () => {
  it.each(Object.entries(JSON_SCHEMA_FILES))(
    "%s is what the zod schema generates (pnpm schemas)",
    async (file, schema) => {
      const committed = await readFile(new URL(file, jsonSchemasDir), "utf8");
      expect(JSON.parse(committed), `${file} drifted from zod: run pnpm schemas`).toEqual(
        JSON.parse(renderJsonSchema(schema)),
      );
    },
  );

  it("describes the quality payload the way the contract says", async () => {
    const schema = JSON.parse(await readFile(new URL("quality.schema.json", jsonSchemasDir), "utf8"));
    expect(schema.required).toEqual(["runId", "period"]);
    expect(schema.additionalProperties).toBe(false);
    expect(new RegExp(schema.properties.period.pattern).test("2026-W49")).toBe(true);
    expect(new RegExp(schema.properties.period.pattern).test("2026-49")).toBe(false);
    expect(
      QualityPayload.safeParse({ runId: crypto.randomUUID(), period: "2026-W49", extra: 1 }).success,
    ).toBe(false);
  });
});
