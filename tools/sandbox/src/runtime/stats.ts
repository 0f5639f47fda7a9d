type Counts = Record<string, number>;

interface RouteCounts {
  requests: number;
  byStatus: Counts;
}

export interface StatsSnapshot {
  totalRequests: number;
  byStatus: Counts;
  /** Per upstream family ("tmdb", "omdb", ...). */
  families: Record<string, RouteCounts>;
  /** Per route ("tmdb.top_rated", "tmdb.tv_details", "omdb.title", ...). */
  routes: Record<string, RouteCounts>;
  faults: { injected: number; byKind: Counts };
  omdb: {
    /** Requests carrying each apikey value, per UTC day ("YYYY-MM-DD"). */
    requestsByKeyByDay: Record<string, Counts>;
  };
  /**
   * Per family, what page requests to the sites were answered with: html, js_only, blocked
   * (the 403 wall), cleared (a blocked page served to a request with the clearance cookie),
   * unparseable, decoy, not_found.
   */
  pageOutcomes: Record<string, Counts>;
  /**
   * Per family, arrival times (ms since the epoch, oldest first) of the latest
   * REQUEST_TIMES_CAPACITY requests, for measuring the request rate an upstream saw.
   */
  requestTimes: Record<string, number[]>;
}

/** How many arrival times each family keeps. */
export const REQUEST_TIMES_CAPACITY = 50_000;

/** Fixed-size ring of timestamps: recording is O(1) and memory stays bounded on long runs. */
class TimeRing {
  readonly #times: Float64Array;
  #next = 0;
  #size = 0;

  constructor(capacity: number) {
    this.#times = new Float64Array(capacity);
  }

  push(time: number): void {
    this.#times[this.#next] = time;
    this.#next = (this.#next + 1) % this.#times.length;
    this.#size = Math.min(this.#size + 1, this.#times.length);
  }

  /** Oldest first. */
  toArray(): number[] {
    const start = (this.#next - this.#size + this.#times.length) % this.#times.length;
    return Array.from(
      { length: this.#size },
      (_, index) => this.#times[(start + index) % this.#times.length] ?? 0,
    );
  }
}

const increment = (counts: Counts, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

function entryOf<T>(table: Record<string, T>, key: string, create: () => T): T {
  const existing = table[key];
  if (existing !== undefined) return existing;
  const created = create();
  table[key] = created;
  return created;
}

/** Request counters for /__sandbox/stats: tests use them to prove what was (not) requested. */
export class SandboxStats {
  #snapshot = SandboxStats.#empty();
  #times = new Map<string, TimeRing>();

  constructor(private readonly timesCapacity = REQUEST_TIMES_CAPACITY) {}

  static #empty(): Omit<StatsSnapshot, "requestTimes"> {
    return {
      totalRequests: 0,
      byStatus: {},
      families: {},
      routes: {},
      faults: { injected: 0, byKind: {} },
      omdb: { requestsByKeyByDay: {} },
      pageOutcomes: {},
    };
  }

  /** Called when an upstream request arrives (before any latency or fault). */
  recordRequestTime(family: string, time: number): void {
    let ring = this.#times.get(family);
    if (!ring) {
      ring = new TimeRing(this.timesCapacity);
      this.#times.set(family, ring);
    }
    ring.push(time);
  }

  recordPageOutcome(family: string, outcome: string): void {
    increment(
      entryOf(this.#snapshot.pageOutcomes, family, () => ({})),
      outcome,
    );
  }

  /** `status` is the HTTP status, or "aborted" when the client left first. */
  recordResponse(family: string, route: string, status: number | "aborted"): void {
    const key = String(status);
    const stats = this.#snapshot;
    stats.totalRequests += 1;
    increment(stats.byStatus, key);
    for (const [table, name] of [
      [stats.families, family],
      [stats.routes, route],
    ] as const) {
      const counts = entryOf(table, name, () => ({ requests: 0, byStatus: {} }));
      counts.requests += 1;
      increment(counts.byStatus, key);
    }
  }

  recordFault(kind: string): void {
    this.#snapshot.faults.injected += 1;
    increment(this.#snapshot.faults.byKind, kind);
  }

  recordOmdbKey(apiKey: string, day: string): void {
    increment(
      entryOf(this.#snapshot.omdb.requestsByKeyByDay, apiKey, () => ({})),
      day,
    );
  }

  /** `requestTimes: false` leaves the (up to 50,000 per family) timestamps out. */
  snapshot(options: { requestTimes?: boolean } = {}): StatsSnapshot {
    const requestTimes: Record<string, number[]> = {};
    if (options.requestTimes !== false) {
      for (const [family, ring] of this.#times) requestTimes[family] = ring.toArray();
    }
    return { ...structuredClone(this.#snapshot), requestTimes };
  }

  reset(): void {
    this.#snapshot = SandboxStats.#empty();
    this.#times.clear();
  }
}
