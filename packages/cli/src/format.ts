import type { QuotaState, RunSummary } from "@tvr/pipeline";

const share = (part: number, whole: number) => `${(whole ? (part * 100) / whole : 0).toFixed(1)}%`;
const secs = (s: number) => (s >= 90 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${s.toFixed(1)}s`);

export function formatSummary(s: RunSummary): string {
  const lines = [
    `Run ${s.id} (${s.mode}): ${s.status.toUpperCase()}${s.error ? ` — ${s.error}` : ""}`,
    `  started    ${s.startedAt.toISOString()}${s.finishedAt ? `, finished ${s.finishedAt.toISOString()}` : ""}`,
    `  duration   ${secs(s.durationSeconds)}`,
    `  pages      ${s.pages.done}/${s.pages.total ?? "?"} read${s.pages.failed ? ` (${s.pages.failed} failed)` : ""}`,
    `  discovered ${s.series.discovered} series`,
    `  loaded     ${s.series.loaded} series${s.series.failed ? `, ${s.series.failed} failed` : ""}${s.series.pending ? `, ${s.series.pending} pending` : ""}`,
    `  IMDb       ${s.sources.imdb} with a rating (${share(s.sources.imdb, s.series.loaded)} of loaded)`,
    `  Tomatoes   ${s.sources.rottenTomatoes} with a Tomatometer (${share(s.sources.rottenTomatoes, s.series.loaded)})`,
    `  Metacritic ${s.sources.metacritic} with a Metascore (${share(s.sources.metacritic, s.series.loaded)})`,
    `  OMDb cache ${formatOmdbCache(s.omdbCache)}`,
  ];
  if (s.failures.length === 0) {
    lines.push("  failures   none");
  } else {
    lines.push("  absences and failures by reason:");
    for (const f of s.failures)
      lines.push(`    ${f.kind.padEnd(7)} ${f.stage.padEnd(10)} ${f.reason.padEnd(24)} ${f.count}`);
  }
  return lines.join("\n");
}

/** Cached answers can be older than what OMDb says today (live mode), so the summary says how many and how old. */
function formatOmdbCache(c: RunSummary["omdbCache"]): string {
  if (c.fromCache === 0) return `${c.answers} answers, none from the cache`;
  const age = c.oldestCachedAgeSeconds ?? 0;
  const ageText = age >= 86_400 ? `${(age / 86_400).toFixed(1)} days` : secs(age);
  return `${c.fromCache} of ${c.answers} answers from the cache (fetched before this run; oldest ${ageText} old)`;
}

export function formatQuota(q: QuotaState | null): string | null {
  if (!q?.exhausted) return null;
  return `waiting: OMDb daily quota spent (${q.used}/${q.limit} on ${q.day}); lookups resume at ${q.resetsAt}`;
}
