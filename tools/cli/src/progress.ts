/**
 * Live progress of a run: per-stage counts with rate and ETA, drawn as bars
 * redrawn in place on a terminal, or as one plain line per update in logs.
 */

/** What one poll of a running run reports. */
export interface ProgressSample {
  /** Wall clock of the poll, ms. */
  at: number;
  elapsedSeconds: number;
  pages: { done: number; total: number | null };
  discovered: number;
  loaded: number;
  failed: number;
  /** Series the run will end with (exact once every page is read), if known yet. */
  expectedSeries: number | null;
  /** Redis stage counters: "tmdb:details", "omdb:lookup", "scrape-rt:*", ... */
  stages: Record<string, number>;
  /** The run's stage: running (discovering/loading), validating, transforming. */
  status?: string;
  /** A waiting notice (e.g. OMDb quota spent), shown under the bars. */
  notice?: string | null;
}

export interface StageProgress {
  label: string;
  done: number;
  total: number | null;
  /** Per second over the recent window; null until two samples exist. */
  rate: number | null;
  etaSeconds: number | null;
}

/** Rates are measured over this trailing window so they follow the current pace. */
export const RATE_WINDOW_MS = 15_000;

const SCRAPE_STAGE = /^scrape-(rt|mc):/;

type Counter = (s: ProgressSample) => number;

function stageCounters(
  latest: ProgressSample,
): Array<{ label: string; count: Counter; total: number | null }> {
  const expected = latest.expectedSeries;
  const stage =
    (key: string): Counter =>
    (s) =>
      s.stages[key] ?? 0;
  const scraped = Object.keys(latest.stages)
    .filter((key) => SCRAPE_STAGE.test(key))
    .sort()
    .map((key) => ({
      // "scrape-rt:scrape" -> "scraped rt"; other job names stay visible ("scraped mc:search").
      label: `scraped ${key.replace(/^scrape-/, "").replace(/:scrape$/, "")}`,
      count: stage(key),
      total: null,
    }));
  return [
    { label: "discovered", count: (s) => s.discovered, total: expected },
    { label: "fetched", count: stage("tmdb:details"), total: expected },
    // Only series with an IMDb id are looked up, so the total is not known in advance.
    { label: "enriched", count: stage("omdb:lookup"), total: null },
    ...scraped,
    // Failed series never load: they come off the total.
    { label: "loaded", count: (s) => s.loaded, total: expected === null ? null : expected - latest.failed },
  ];
}

/** Per-stage progress from the samples so far (oldest first); the last one is the current state. */
export function computeStages(samples: readonly ProgressSample[]): StageProgress[] {
  const latest = samples.at(-1);
  if (!latest) return [];
  const base = samples.find((s) => latest.at - s.at <= RATE_WINDOW_MS) ?? latest;
  const seconds = (latest.at - base.at) / 1000;
  return stageCounters(latest).map(({ label, count, total }) => {
    const done = count(latest);
    const rate = seconds > 0 ? Math.max(done - count(base), 0) / seconds : null;
    const remaining = total === null ? null : Math.max(total - done, 0);
    const etaSeconds = remaining !== null && remaining > 0 && rate ? remaining / rate : null;
    return { label, done, total, rate, etaSeconds };
  });
}

export function formatDuration(seconds: number): string {
  const s = Math.max(Math.round(seconds), 0);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export function renderBar(done: number, total: number, width: number): string {
  const fraction = total > 0 ? Math.min(done / total, 1) : 0;
  const filled = Math.round(fraction * width);
  return `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
}

const rateText = (rate: number | null) => (rate === null ? "" : `${rate.toFixed(1)}/s`);
const etaText = (eta: number | null) => (eta === null ? "" : `ETA ${formatDuration(eta)}`);

function header(sample: ProgressSample, stages: readonly StageProgress[]): string {
  const loaded = stages.at(-1);
  const eta = loaded?.etaSeconds ?? null;
  return [
    `${sample.status ?? "running"} ${formatDuration(sample.elapsedSeconds)}`,
    `pages ${sample.pages.done}/${sample.pages.total ?? "?"}`,
    ...(sample.failed ? [`${sample.failed} failed`] : []),
    ...(eta === null ? [] : [etaText(eta)]),
  ].join(" · ");
}

/** The block drawn on a terminal: a header, one bar per stage, an optional notice. */
export function renderTty(samples: readonly ProgressSample[], barWidth = 24): string[] {
  const latest = samples.at(-1);
  if (!latest) return [];
  const stages = computeStages(samples);
  const labelWidth = Math.max(...stages.map((s) => s.label.length));
  const lines = stages.map((s) => {
    const bar = s.total === null ? " ".repeat(barWidth + 2) : `[${renderBar(s.done, s.total, barWidth)}]`;
    const count = s.total === null ? String(s.done) : `${s.done}/${s.total}`;
    return `  ${s.label.padEnd(labelWidth)} ${bar} ${count.padStart(11)} ${rateText(s.rate).padStart(9)}  ${etaText(s.etaSeconds)}`.trimEnd();
  });
  return [header(latest, stages), ...lines, ...(latest.notice ? [`  ${latest.notice}`] : [])];
}

/** One line per update for logs, e.g. "[12s] pages 3/3 · fetched 30/60 (12.5/s, ETA 2s) · ...". */
export function renderPlain(samples: readonly ProgressSample[]): string {
  const latest = samples.at(-1);
  if (!latest) return "";
  const stages = computeStages(samples).map((s) => {
    const extra = [rateText(s.rate), etaText(s.etaSeconds)].filter(Boolean).join(", ");
    return `${s.label} ${s.total === null ? s.done : `${s.done}/${s.total}`}${extra ? ` (${extra})` : ""}`;
  });
  const failed = latest.failed ? [`failed ${latest.failed}`] : [];
  const notice = latest.notice ? [latest.notice] : [];
  return [
    `[${formatDuration(latest.elapsedSeconds)}] ${latest.status && latest.status !== "running" ? `${latest.status} · ` : ""}pages ${latest.pages.done}/${latest.pages.total ?? "?"}`,
    ...stages,
    ...failed,
    ...notice,
  ].join(" · ");
}

export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Keeps the samples of one run and prints them: redrawn in place on a TTY
 * (cursor up over the previous block, clear, draw), appended otherwise.
 */
export function createProgressReporter(out: ProgressOutput) {
  const samples: ProgressSample[] = [];
  let drawnLines = 0;
  return {
    update(sample: ProgressSample) {
      samples.push(sample);
      while (samples.length > 1 && sample.at - (samples[0]?.at ?? sample.at) > RATE_WINDOW_MS)
        samples.shift();
      if (!out.isTTY) {
        out.write(`${renderPlain(samples)}\n`);
        return;
      }
      const lines = renderTty(samples);
      const rewind = drawnLines > 0 ? `\x1b[${drawnLines}F\x1b[J` : "";
      out.write(`${rewind}${lines.join("\n")}\n`);
      drawnLines = lines.length;
    },
    /** Leaves the last block on screen; what follows prints below it. */
    done() {
      drawnLines = 0;
    },
  };
}
