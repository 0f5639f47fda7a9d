import type { Logger } from "@tvr/config";

export interface RunningService {
  /** Stops taking jobs, lets in-flight ones finish (up to the timeout), closes connections. */
  close(): Promise<void>;
}

/**
 * Runs a service until SIGTERM/SIGINT, then closes it gracefully within
 * `shutdownTimeoutMs`; jobs still unfinished then are handed back by BullMQ's
 * stalled-job check and processed again by another worker.
 */
export async function runUntilSignal(
  log: Logger,
  start: () => Promise<RunningService>,
  shutdownTimeoutMs: number,
): Promise<void> {
  const service = await start();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      log.error({ shutdownTimeoutMs }, "shutdown timed out; in-flight jobs will be retried elsewhere");
      process.exit(1);
    }, shutdownTimeoutMs);
    timer.unref();
    try {
      await service.close();
      log.info("stopped");
      process.exit(0);
    } catch (error) {
      log.error({ err: (error as Error).message }, "error during shutdown");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
