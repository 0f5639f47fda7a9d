import { hashToUnit } from "../random.ts";
import type { FaultKind, Knobs } from "./knobs.ts";

export interface RequestObservation {
  /** 1 for the first time this request identity is seen, 2 for its first retry, ... */
  occurrence: number;
  fault: FaultKind | null;
}

/**
 * Decides faults reproducibly: a seeded hash of (request identity,
 * occurrence) against the configured rate, with a cap on faults per
 * identity so that retrying always succeeds eventually.
 */
export class FaultInjector {
  readonly #seen = new Map<string, { occurrences: number; faults: number }>();

  constructor(private readonly seed: number) {}

  observe(identity: string, faults: Knobs["faults"]): RequestObservation {
    const entry = this.#seen.get(identity) ?? { occurrences: 0, faults: 0 };
    this.#seen.set(identity, entry);
    entry.occurrences += 1;
    const occurrence = entry.occurrences;

    const underCap = entry.faults < faults.maxFaultsPerRequest;
    const roll = hashToUnit(this.seed, "fault", identity, occurrence);
    if (!underCap || roll >= faults.rate) return { occurrence, fault: null };

    entry.faults += 1;
    const kindIndex = Math.floor(
      hashToUnit(this.seed, "fault-kind", identity, occurrence) * faults.kinds.length,
    );
    return { occurrence, fault: faults.kinds[kindIndex] ?? null };
  }

  reset(): void {
    this.#seen.clear();
  }
}

const CREDENTIAL_PARAMS = new Set(["api_key", "apikey"]);

/**
 * What makes two requests "the same request" for fault purposes: method,
 * path and query parameters in sorted order, credentials left out (a retry
 * with another key is still a retry).
 */
export function requestIdentity(method: string, rawUrl: string): string {
  const url = new URL(rawUrl, "http://sandbox.invalid");
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !CREDENTIAL_PARAMS.has(name.toLowerCase()))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  const query = new URLSearchParams(params).toString();
  return `${method} ${url.pathname}${query ? `?${query}` : ""}`;
}
