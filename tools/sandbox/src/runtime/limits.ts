/** The UTC day of a timestamp, "YYYY-MM-DD" (OMDb quotas reset at UTC midnight). */
export function utcDay(timestampMs: number): string {
  return new Date(timestampMs).toISOString().slice(0, 10);
}

/** OMDb's daily request quota, counted per API key per UTC day. */
export class DailyQuota {
  readonly #used = new Map<string, number>();

  /** Counts one request; false when the key's quota for that day is already spent. */
  tryConsume(apiKey: string, timestampMs: number, quota: number): boolean {
    const slot = `${apiKey}\u0000${utcDay(timestampMs)}`;
    const used = this.#used.get(slot) ?? 0;
    if (used >= quota) return false;
    this.#used.set(slot, used + 1);
    return true;
  }

  reset(): void {
    this.#used.clear();
  }
}

const WINDOW_MS = 1_000;

/** A sliding one-second window over accepted requests (TMDB's per-IP limit, in spirit). */
export class SlidingWindowLimiter {
  #accepted: number[] = [];

  /** null when accepted; otherwise the seconds until a slot frees up (for Retry-After). */
  tryAcquire(timestampMs: number, limitPerSecond: number): { retryAfterSeconds: number } | null {
    if (limitPerSecond <= 0) return null;
    while (this.#accepted.length > 0 && (this.#accepted[0] as number) <= timestampMs - WINDOW_MS) {
      this.#accepted.shift();
    }
    if (this.#accepted.length < limitPerSecond) {
      this.#accepted.push(timestampMs);
      return null;
    }
    const oldest = this.#accepted[this.#accepted.length - limitPerSecond] as number;
    return { retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - timestampMs) / 1000)) };
  }

  reset(): void {
    this.#accepted = [];
  }
}
