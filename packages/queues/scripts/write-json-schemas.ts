import { writeFile } from "node:fs/promises";
import { JSON_SCHEMA_FILES, jsonSchemasDir, renderJsonSchema } from "../src/json-schemas.ts";

for (const [file, schema] of Object.entries(JSON_SCHEMA_FILES)) {
  await writeFile(new URL(file, jsonSchemasDir), renderJsonSchema(schema));
  console.log(`wrote packages/queues/schemas/${file}`);
}
