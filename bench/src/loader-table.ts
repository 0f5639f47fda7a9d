import { formatTable, round } from "./table.ts";

/** The star schema, in the order its foreign keys allow rows to be copied in. */
export const STAR_TABLES = [
  "genre_dim",
  "network_dim",
  "series",
  "series_genre",
  "series_network",
  "ratings",
] as const;
export type StarTable = (typeof STAR_TABLES)[number];
export type RowCounts = Record<StarTable, number>;

export const totalRows = (counts: RowCounts) => STAR_TABLES.reduce((sum, table) => sum + counts[table], 0);

/** Throws, naming each table that differs, unless both counts are the same. */
export function assertSameCounts(label: string, expected: RowCounts, actual: RowCounts): void {
  const differences = STAR_TABLES.filter((table) => expected[table] !== actual[table]).map(
    (table) => `${table} ${expected[table]} -> ${actual[table]}`,
  );
  if (differences.length) throw new Error(`${label}: row counts changed (${differences.join(", ")})`);
}

export interface LoaderPass {
  path: string;
  /** Series (jobs) the pass handled. */
  series: number;
  /** Star-schema rows it wrote; null for a pass that writes nothing (the queue alone). */
  rows: number | null;
  seconds: number;
}

export interface LoaderBenchResult {
  size: number;
  seed: number;
  week: string;
  batchSize: number;
  counts: RowCounts;
  copy: LoaderPass;
  passes: LoaderPass[];
}

/** One table row per pass: rates, time per series (per job for the queue alone) and time relative to COPY. */
export function loaderRows(copy: LoaderPass, passes: LoaderPass[]): (string | number)[][] {
  return [copy, ...passes].map((pass) => [
    pass.path,
    pass.series,
    pass.rows ?? "-",
    round(pass.seconds, 2),
    pass.rows === null ? "-" : Math.round(pass.rows / pass.seconds),
    Math.round(pass.series / pass.seconds),
    round((pass.seconds * 1000) / pass.series, 3),
    pass.rows === null ? "-" : round(pass.seconds / copy.seconds, 1),
  ]);
}

export function formatLoaderTable(result: LoaderBenchResult): string {
  const tables = STAR_TABLES.map((table) => `${table} ${result.counts[table]}`).join(", ");
  return formatTable(
    `Loader: ${result.size} series of the sandbox catalog (seed ${result.seed}, week ${result.week}) = ` +
      `${totalRows(result.counts)} star-schema rows (${tables}); ` +
      `loader batches of ${result.batchSize}, fresh database; × COPY = time over COPY's`,
    ["path", "series", "rows", "s", "rows/s", "series/s", "ms/series", "× COPY"],
    loaderRows(result.copy, result.passes),
  );
}
