import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@tvr/testing";

function postgresBin(name: string): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(root, version, "bin", name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found under ${root}: install PostgreSQL (scripts/setup.sh)`);
}

// initdb and postgres refuse to run as root; the suite runs them as the postgres user then.
const asPostgresUser = (command: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];

function run(command: string, args: string[]) {
  const [cmd, argv] = asPostgresUser(command, args);
  execFileSync(cmd, argv, { stdio: "pipe" });
}

/** A throw-away PostgreSQL cluster: its own data directory and port, trust auth on loopback. */
export class ChaosPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<ChaosPostgres> {
    const dir = await mkdtemp(path.join(tmpdir(), "tvr-chaos-pg-"));
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres:", dir]);
    run(postgresBin("initdb"), [
      "-D",
      path.join(dir, "data"),
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
    ]);
    const pg = new ChaosPostgres(dir, await freePort());
    pg.start();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/tv_ratings_chaos`;
  }

  start() {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=on`;
    run(postgresBin("pg_ctl"), [
      "-D",
      path.join(this.dir, "data"),
      "-o",
      options,
      "-w",
      "-l",
      path.join(this.dir, "log"),
      "start",
    ]);
  }

  /** `immediate`: a crash (no checkpoint; recovery replays the WAL on start). */
  stop(mode: "immediate" | "fast" = "immediate") {
    run(postgresBin("pg_ctl"), ["-D", path.join(this.dir, "data"), "-m", mode, "-w", "stop"]);
  }

  async destroy() {
    try {
      this.stop("immediate");
    } catch {
      // already stopped
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A throw-away Redis with the AOF configuration the project sets (appendonly, fsync every second). */
export class ChaosRedis {
  private process: ReturnType<typeof spawn> | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<ChaosRedis> {
    const redis = new ChaosRedis(await mkdtemp(path.join(tmpdir(), "tvr-chaos-redis-")), await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--dir", this.dir];
    args.push(
      "--appendonly",
      "yes",
      "--appendfsync",
      "everysec",
      "--save",
      "",
      "--maxmemory-policy",
      "noeviction",
    );
    this.process = spawn("redis-server", args, { stdio: "ignore" });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      try {
        execFileSync("redis-cli", ["-p", String(this.port), "ping"], { stdio: "pipe" });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  /** SIGTERM: Redis flushes its AOF and exits, as on a node restart. */
  async stop() {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }

  async destroy() {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
