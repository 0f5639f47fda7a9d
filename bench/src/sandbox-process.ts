import path from "node:path";
import { type SandboxUrls, type StatsSnapshot, urlsFor } from "@tvr/sandbox";
import { freePort } from "@tvr/testing";
import { ServiceProcess } from "./processes.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");

export interface SandboxProcess {
  urls: SandboxUrls;
  /** Per family, the arrival times the sandbox recorded (ms since the epoch). */
  requestTimes(): Promise<Record<string, number[]>>;
  close(): Promise<void>;
}

/**
 * The sandbox as its own process, configured by its SANDBOX_* variables. Where request times are
 * the measurement, this keeps them off the bench's event loop: an arrival is timestamped when
 * the sandbox's process gets to it, not when the bench's does.
 */
export async function startSandboxProcess(env: Record<string, string>): Promise<SandboxProcess> {
  const port = await freePort();
  const sandbox = new ServiceProcess(
    "sandbox",
    ["--import", "tsx", path.join(repoRoot, "tools/sandbox/src/main.ts")],
    { ...process.env, ...env, SANDBOX_HOST: "127.0.0.1", SANDBOX_PORT: String(port), LOG_LEVEL: "info" },
    "sandbox listening",
  );
  await sandbox.started;
  const urls = urlsFor(`http://127.0.0.1:${port}`);
  return {
    urls,
    async requestTimes() {
      const response = await fetch(`${urls.control}/stats`);
      if (!response.ok) throw new Error(`sandbox stats: HTTP ${response.status}`);
      return ((await response.json()) as StatsSnapshot).requestTimes;
    },
    close: () => sandbox.stop(),
  };
}
