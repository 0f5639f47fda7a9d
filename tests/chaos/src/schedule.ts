/** A small seeded PRNG (mulberry32): the same seed gives the same chaos. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ChaosEvent =
  | { at: number; kind: "kill"; service: string }
  | { at: number; kind: "restart-postgres"; downMs: number }
  | { at: number; kind: "restart-redis"; downMs: number };

/**
 * When each thing dies, in ms after the run starts, within `windowMs`: every
 * worker service is killed (-9) once or twice, Postgres and Redis restart once.
 */
export function chaosSchedule(seed: number, services: readonly string[], windowMs: number): ChaosEvent[] {
  const random = seededRandom(seed);
  const at = () => Math.round(500 + random() * (windowMs - 500));
  const events: ChaosEvent[] = [];
  for (const service of services) {
    const times = 1 + Math.floor(random() * 2);
    for (let i = 0; i < times; i++) events.push({ at: at(), kind: "kill", service });
  }
  events.push({ at: at(), kind: "restart-postgres", downMs: Math.round(500 + random() * 1500) });
  events.push({ at: at(), kind: "restart-redis", downMs: Math.round(500 + random() * 1500) });
  return events.sort((a, b) => a.at - b.at);
}
