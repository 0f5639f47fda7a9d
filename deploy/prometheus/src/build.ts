import { writeFileSync } from "node:fs";
import { RULES_FILE, renderRules } from "./render.ts";
import { PRODUCTION_SETTINGS } from "./settings.ts";

writeFileSync(RULES_FILE, renderRules(PRODUCTION_SETTINGS));
console.log(`wrote ${RULES_FILE}`);
