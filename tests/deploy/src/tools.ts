import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { repoPath } from "./paths.ts";

/**
 * Where a checker lives: the project's Python environment (.venv/bin, from
 * uv.lock), else PATH. scripts/setup.sh installs all of them; a missing one is
 * an error that names it, never a skipped check.
 */
export function tool(name: string): string {
  const venv = repoPath(".venv", "bin", name);
  if (existsSync(venv)) return venv;
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  throw new Error(`${name} not found in .venv/bin or on PATH: run scripts/setup.sh`);
}

export interface ToolResult {
  code: number | null;
  output: string;
}

export function run(
  program: string,
  args: string[],
  options: { cwd?: string; input?: string } = {},
): ToolResult {
  const result = spawnSync(program, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
