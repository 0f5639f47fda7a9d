import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { setPriority } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

const CLOCK_TICKS_PER_SECOND =
  Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

interface ProcStat {
  ppid: number;
  /** Own CPU seconds (user + system). */
  cpuSeconds: number;
  /** CPU seconds of children that ended and were reaped. */
  reapedChildrenCpuSeconds: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // Fields after the parenthesised command name, which may itself hold spaces.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const ticks = (index: number) => Number(fields[index]) / CLOCK_TICKS_PER_SECOND;
  return {
    ppid: Number(fields[1]),
    cpuSeconds: ticks(11) + ticks(12),
    reapedChildrenCpuSeconds: ticks(13) + ticks(14),
  };
}

/** VmRSS and VmHWM (peak RSS) of a process, in bytes. */
function readMemory(pid: number): { rss: number; peakRss: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) * 1024;
  return { rss: kib("VmRSS"), peakRss: kib("VmHWM") };
}

function descendantsOf(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (!stat) continue;
    parents.set(stat.ppid, [...(parents.get(stat.ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [...(parents.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    queue.push(...(parents.get(pid) ?? []));
  }
  return found;
}

export interface Usage {
  cpuSeconds: number;
  peakRss: number;
  /** The process's children (Chromium for the scraper): CPU, and the highest summed RSS sampled. */
  children: { cpuSeconds: number; peakRss: number };
}

/**
 * A service started as its own Node process, whose CPU and memory are read from /proc while it
 * runs: `node <args>`, either a built `dist/main.js` (as production runs it) or
 * `--import tsx src/main.ts` (as scripts/stack.sh runs it in development).
 */
export class ServiceProcess {
  readonly child: ChildProcess;
  readonly started: Promise<void>;
  private readonly lastLines: string[] = [];
  private cpuAtStart = 0;
  private childrenPeakRss = 0;

  constructor(
    readonly name: string,
    nodeArgs: string[],
    env: NodeJS.ProcessEnv,
    startedMessage: string,
    nice = 0,
  ) {
    this.child = spawn(process.execPath, nodeArgs, {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Before it starts anything of its own: Chromium inherits it.
    if (nice !== 0 && this.child.pid !== undefined) setPriority(this.child.pid, nice);
    // BENCH_LOG_DIR=<dir> keeps each service's whole output there, for looking into a slow run.
    const logDir = process.env.BENCH_LOG_DIR;
    if (logDir) {
      mkdirSync(logDir, { recursive: true });
      const file = createWriteStream(path.join(logDir, `${name.replaceAll(" ", "-")}.log`));
      this.child.stdout?.pipe(file);
      this.child.stderr?.pipe(file);
    }
    const lines = createInterface({ input: this.child.stdout as NodeJS.ReadableStream });
    const errors = createInterface({ input: this.child.stderr as NodeJS.ReadableStream });
    const keep = (line: string) => {
      this.lastLines.push(line);
      if (this.lastLines.length > 20) this.lastLines.shift();
    };
    errors.on("line", keep);
    this.started = new Promise((resolve, reject) => {
      lines.on("line", (line) => {
        keep(line);
        if (line.includes(`"msg":"${startedMessage}"`)) {
          this.cpuAtStart = this.usage().cpuSeconds;
          resolve();
        }
      });
      this.child.once("exit", (code) =>
        reject(new Error(`${name} exited (${code}) before starting:\n${this.tail()}`)),
      );
    });
  }

  tail(): string {
    return this.lastLines.join("\n");
  }

  /** Samples the children's summed RSS; the process's own peak is kept by the kernel (VmHWM). */
  sample(): void {
    if (this.child.pid === undefined) return;
    const rss = descendantsOf(this.child.pid).reduce((sum, pid) => sum + (readMemory(pid)?.rss ?? 0), 0);
    this.childrenPeakRss = Math.max(this.childrenPeakRss, rss);
  }

  /** CPU since the service said it had started (start-up is not the run's cost), and peaks. */
  usage(): Usage {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error(`${this.name} has no pid`);
    const own = readStat(pid);
    const memory = readMemory(pid);
    const children = descendantsOf(pid)
      .map(readStat)
      .reduce((sum, stat) => sum + (stat ? stat.cpuSeconds + stat.reapedChildrenCpuSeconds : 0), 0);
    return {
      cpuSeconds: (own ? own.cpuSeconds : 0) - this.cpuAtStart,
      peakRss: memory?.peakRss ?? 0,
      children: {
        cpuSeconds: children + (own?.reapedChildrenCpuSeconds ?? 0),
        peakRss: this.childrenPeakRss,
      },
    };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  }
}
