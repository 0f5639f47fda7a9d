import { ConfigError, createLogger, type Logger } from "@tvr/config";

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
  // Handlers go in before start-up, so a SIGTERM during start-up still closes cleanly.
  const starting = start();
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
      await (await starting).close();
      log.info("stopped");
      process.exit(0);
    } catch (error) {
      log.error({ err: (error as Error).message }, "error during shutdown");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  await starting;
}

/**
 * The whole of a service's main.ts: parse config (refusing to start, with the
 * bad variables named, when it is wrong), start, and run until a signal.
 */
export async function runService<Env extends { LOG_LEVEL: string; SHUTDOWN_TIMEOUT_MS: number }>(options: {
  name: string;
  loadEnv: () => Env;
  start: (env: Env, log: Logger) => Promise<RunningService>;
}): Promise<void> {
  let env: Env;
  try {
    env = options.loadEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${options.name} refuses to start. ${error.message}`);
    process.exit(2);
  }
  const log = createLogger({ name: options.name, level: env.LOG_LEVEL });
  try {
    await runUntilSignal(log, () => options.start(env, log), env.SHUTDOWN_TIMEOUT_MS);
  } catch (error) {
    log.fatal({ err: (error as Error).message }, "failed to start");
    process.exit(1);
  }
}
