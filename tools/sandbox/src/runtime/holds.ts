import type { ServerResponse } from "node:http";

export type HoldOutcome = "elapsed" | "client-gone" | "shutdown";

/**
 * Delays a response (latency, "timeout" faults) while watching for the client
 * hanging up, and lets shutdown release every pending delay at once so
 * closing the server never waits for a 15 s hold.
 */
export class HoldRegistry {
  readonly #releases = new Set<() => void>();

  hold(response: ServerResponse, ms: number): Promise<HoldOutcome> {
    if (response.destroyed) return Promise.resolve("client-gone");
    return new Promise((resolve) => {
      const finish = (outcome: HoldOutcome) => {
        clearTimeout(timer);
        response.off("close", onClose);
        this.#releases.delete(onShutdown);
        resolve(outcome);
      };
      const onClose = () => finish("client-gone");
      const onShutdown = () => finish("shutdown");
      const timer = setTimeout(() => finish("elapsed"), ms);
      response.once("close", onClose);
      this.#releases.add(onShutdown);
    });
  }

  releaseAll(): void {
    for (const release of [...this.#releases]) release();
  }
}
