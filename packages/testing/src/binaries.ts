import { spawnSync } from "node:child_process";

/**
 * Finds a program the tests need (promtool, Prometheus, Alertmanager…), which
 * scripts/setup.sh installs from Debian's packages. Like the fixtures: in CI a
 * missing program fails the run; elsewhere the dependent tests are skipped
 * with a message that names it.
 */
export function requireBinary(name: string): string | null {
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  const location = found.status === 0 ? found.stdout.trim() : "";
  if (location) return location;
  const message = `${name} not found on PATH (scripts/setup.sh installs it from Debian's packages)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`SKIPPED: ${message}`);
  return null;
}

/** Runs a program to completion; the result carries its exit code and both outputs. */
export function runProgram(program: string, args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(program, args, { encoding: "utf8", ...options });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    output: result.stdout + result.stderr,
  };
}
