import { writeFileSync } from "node:fs";
import path from "node:path";
import { DASHBOARDS_DIR, renderDashboards } from "./render.ts";

for (const [name, json] of Object.entries(renderDashboards())) {
  const file = path.join(DASHBOARDS_DIR, `${name}.json`);
  writeFileSync(file, json);
  console.log(`wrote ${file}`);
}
