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

  static #empty(): StatsSnapshot {
    return {
      totalRequests: 0,
      byStatus: {},
      families: {},
      routes: {},
      faults: { injected: 0, byKind: {} },
      omdb: { requestsByKeyByDay: {} },
    };
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

  snapshot(): StatsSnapshot {
    return structuredClone(this.#snapshot);
  }

  reset(): void {
    this.#snapshot = SandboxStats.#empty();
  }
}
