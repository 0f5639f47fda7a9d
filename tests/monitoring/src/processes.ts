import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@tvr/testing";

export interface Program {
  url: string;
  dir: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a program in its own temporary directory and waits until `readyPath` answers 200. */
export async function startProgram(options: {
  name: string;
  command: string;
  args: (dir: string, port: number) => string[];
  /** Extra environment; a function for programs told their port (or directory) through it. */
  env?: NodeJS.ProcessEnv | ((dir: string, port: number) => NodeJS.ProcessEnv);
  readyPath: string;
  /** How long start-up may take; 30 s by default. */
  readyTimeoutMs?: number;
}): Promise<Program> {
  const dir = await mkdtemp(path.join(tmpdir(), `tvr-${options.name}-`));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const env = typeof options.env === "function" ? options.env(dir, port) : options.env;
  const child: ChildProcess = spawn(options.command, options.args(dir, port), {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await rm(dir, { recursive: true, force: true });
  };
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited during start-up:\n${output}`);
    const ok = await fetch(url + options.readyPath).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, dir, output: () => output, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `${options.name} did not answer ${options.readyPath} within ${readyTimeoutMs / 1000} s:\n${output}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Polls until `check` returns a value (not undefined), or fails with the last state it saw. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  describe: () => string = () => "",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}. ${describe()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
