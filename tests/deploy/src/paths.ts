import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const repoPath = (...parts: string[]) => path.join(repoRoot, ...parts);
