export interface EtaInput {
  startedAt: Date;
  now: Date;
  /** Pages the run will read (known once page 1 is in), or null before that. */
  totalPages: number | null;
  pagesDone: number;
  discovered: number;
  /** Series loaded or failed so far. */
  finished: number;
}

export interface RunEta {
  /** Series the run will end with: exact once discovery is complete, extrapolated before. */
  expectedSeries: number | null;
  seriesPerSecond: number;
  remainingSeconds: number | null;
  estimatedFinishAt: Date | null;
}

/** Estimates when a running run will finish from its average throughput so far. */
export function estimateRunEta(input: EtaInput): RunEta {
  const elapsedSeconds = Math.max((input.now.getTime() - input.startedAt.getTime()) / 1000, 0);
  const seriesPerSecond = elapsedSeconds > 0 ? input.finished / elapsedSeconds : 0;
  const expectedSeries = expectedSeriesCount(input);
  if (expectedSeries === null || seriesPerSecond === 0) {
    return { expectedSeries, seriesPerSecond, remainingSeconds: null, estimatedFinishAt: null };
  }
  const remainingSeconds = Math.max(expectedSeries - input.finished, 0) / seriesPerSecond;
  return {
    expectedSeries,
    seriesPerSecond,
    remainingSeconds,
    estimatedFinishAt: new Date(input.now.getTime() + remainingSeconds * 1000),
  };
}

function expectedSeriesCount(input: EtaInput): number | null {
  if (input.totalPages === null || input.pagesDone === 0) return null;
  if (input.pagesDone >= input.totalPages) return input.discovered;
  return Math.max(Math.round((input.discovered / input.pagesDone) * input.totalPages), input.discovered);
}
