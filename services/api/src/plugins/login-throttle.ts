/**
 * Slows down guessing: after `freeFailures` wrong credentials from one client
 * address, each further attempt must wait twice as long as the last (1 s, 2 s,
 * 4 s … up to `maxDelayMs`) after the latest failure, or it is refused unchecked.
 * A correct login clears the address. Kept in memory per API process: a
 * guesser spread over replicas still meets the same slope on each one.
 */
export interface LoginThrottleOptions {
  freeFailures?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Addresses remembered at most; the oldest are forgotten first. */
  maxClients?: number;
  now?: () => number;
}

interface Failures {
  count: number;
  lastAt: number;
}

export class LoginThrottle {
  private readonly clients = new Map<string, Failures>();
  private readonly freeFailures: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.freeFailures = options.freeFailures ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds the client must still wait before its credentials are checked again (0: go ahead). */
  waitMs(client: string): number {
    const failures = this.clients.get(client);
    if (!failures || failures.count < this.freeFailures) return 0;
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (failures.count - this.freeFailures));
    const wait = failures.lastAt + delay - this.now();
    if (wait <= -this.maxDelayMs * 10) this.clients.delete(client);
    return Math.max(0, wait);
  }

  failed(client: string): void {
    const previous = this.clients.get(client);
    this.clients.delete(client);
    this.clients.set(client, { count: (previous?.count ?? 0) + 1, lastAt: this.now() });
    if (this.clients.size > this.maxClients) {
      const oldest = this.clients.keys().next().value;
      if (oldest !== undefined) this.clients.delete(oldest);
    }
  }

  succeeded(client: string): void {
    this.clients.delete(client);
  }
}
