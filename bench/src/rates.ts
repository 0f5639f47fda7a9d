/** What an upstream saw of a stream of requests, from their arrival times (ms). */
export interface RequestRate {
  requests: number;
  /** Most requests inside any 1 s window. */
  maxPerSecond: number;
  /** Requests per second between the first and the last one. */
  averagePerSecond: number;
  /** First to last request, in seconds. */
  spanSeconds: number;
}

/** Most arrival times inside any window of `windowMs` (a window starting at each request). */
export function maxInWindow(times: readonly number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  sorted.forEach((time, end) => {
    while (time - (sorted[start] ?? time) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  });
  return max;
}

export function requestRate(times: readonly number[]): RequestRate {
  if (times.length === 0) return { requests: 0, maxPerSecond: 0, averagePerSecond: 0, spanSeconds: 0 };
  const spanSeconds = (Math.max(...times) - Math.min(...times)) / 1000;
  // n requests spaced evenly at r/s span (n - 1) / r seconds.
  const averagePerSecond = spanSeconds > 0 ? (times.length - 1) / spanSeconds : times.length;
  return { requests: times.length, maxPerSecond: maxInWindow(times), averagePerSecond, spanSeconds };
}
