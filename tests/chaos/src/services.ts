import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export const WORKER_SERVICES = ["ingestor", "omdb-enricher", "loader", "scraper"] as const;
export type WorkerService = (typeof WORKER_SERVICES)[number];

/**
 * One service as its own Node process (`node --import tsx services/<name>/src/main.ts`,
 * as scripts/stack.sh starts it), kept running like a process supervisor would:
 * when it exits on its own (e.g. it gave up on a dead database) it is started again.
 */
export class SupervisedService {
  private child: ChildProcess | null = null;
  private stopped = false;
  restarts = 0;
  kills = 0;
  /** Times the service reported itself started (its "<name> started" log line). */
  startedCount = 0;
  private readonly log: WriteStream;

  constructor(
    readonly name: WorkerService,
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
  ) {
    this.log = createWriteStream(path.join(logDir, `${name}.log`), { flags: "a" });
  }

  start() {
    const entry = path.join(repoRoot, "services", this.name, "src/main.ts");
    const child = spawn(process.execPath, ["--import", "tsx", entry], {
      cwd: repoRoot,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes(`"msg":"${this.name} started"`)) this.startedCount += 1;
    });
    child.stderr?.pipe(this.log, { end: false });
    this.log.write(`[supervisor] started ${this.name} pid ${child.pid}\n`);
    child.once("exit", (code, signal) => {
      this.log.write(`[supervisor] ${this.name} pid ${child.pid} exited (${signal ?? code})\n`);
      if (this.child !== child || this.stopped) return;
      this.restarts += 1;
      setTimeout(() => {
        if (!this.stopped && this.child === child) this.start();
      }, 500);
    });
    this.child = child;
  }

  async waitUntilStarted(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (this.startedCount === 0) {
      if (Date.now() > deadline) throw new Error(`${this.name} did not start within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** kill -9, then the supervisor's restart brings it back. */
  kill() {
    this.kills += 1;
    this.child?.kill("SIGKILL");
  }

  async stop() {
    this.stopped = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
    this.log.end();
  }
}
