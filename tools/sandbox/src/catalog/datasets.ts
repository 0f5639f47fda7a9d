import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { MetacriticEntry } from "./types.ts";

export const IMDB_DATASET_FILE = "imdb_tv_series_rating_votes_2022.csv";
export const METACRITIC_DATASET_FILE = "metacritic_tv_shows_kaggle.csv";

/** One row of the IMDb TV series dataset (Feb 2022), cleaned up. */
export interface ImdbDatasetRow {
  title: string;
  firstYear: number;
  /** null: still running ("(2019– )"); equal to firstYear for one-year runs ("(2016)"). */
  lastYear: number | null;
  runtimeMinutes: number | null;
  genres: string[];
  rating: number;
  votes: number;
  imdbId: string;
}

export interface Datasets {
  imdb: ImdbDatasetRow[];
  metacritic: MetacriticEntry[];
}

/** "(I) (2008–2013)", "(2019– )", "(2016)" -> years. */
export function parseImdbYears(text: string): { firstYear: number; lastYear: number | null } | null {
  const match = /\((\d{4})(?:(–)\s*(\d{4})?\s*)?\)\s*$/.exec(text);
  if (!match?.[1]) return null;
  const firstYear = Number(match[1]);
  if (!match[2]) return { firstYear, lastYear: firstYear };
  return { firstYear, lastYear: match[3] ? Number(match[3]) : null };
}

/** "1,666,784" -> 1666784. */
export function parseVotes(text: string): number | null {
  const digits = text.replaceAll(",", "").trim();
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

function optionalNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function readCsv(file: string): Array<Record<string, string>> {
  return parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true, bom: true }) as Array<
    Record<string, string>
  >;
}

export function parseImdbDataset(file: string): ImdbDatasetRow[] {
  const rows: ImdbDatasetRow[] = [];
  for (const row of readCsv(file)) {
    const years = parseImdbYears(row.Year ?? "");
    const imdbId = /tt\d{7,8}/.exec(row.IMDB_Link ?? "")?.[0];
    const rating = optionalNumber(row.Rating);
    const votes = parseVotes(row.Votes ?? "");
    const title = row.Title?.trim();
    if (!years || !imdbId || rating === null || votes === null || !title) continue;
    const runtime = optionalNumber(row.Runtime_minutes);
    rows.push({
      title,
      ...years,
      runtimeMinutes: runtime === null ? null : Math.round(runtime),
      genres: (row.Genres ?? "")
        .split(",")
        .map((genre) => genre.trim())
        .filter(Boolean),
      rating,
      votes,
      imdbId,
    });
  }
  return rows;
}

export function parseMetacriticDataset(file: string): MetacriticEntry[] {
  const entries: MetacriticEntry[] = [];
  for (const row of readCsv(file)) {
    const productId = optionalNumber(row.id);
    const title = row.title?.trim();
    if (productId === null || !title) continue;
    const metascoreCount = optionalNumber(row.metascore_count);
    const userscoreCount = optionalNumber(row.userscore_count);
    entries.push({
      productId,
      title,
      releaseDate: row.releaseDate?.trim() ?? "",
      metascore: optionalNumber(row.metascore),
      metascoreCount: metascoreCount === null ? null : Math.round(metascoreCount),
      userscore: optionalNumber(row.userscore),
      userscoreCount: userscoreCount === null ? null : Math.round(userscoreCount),
    });
  }
  return entries;
}

const cache = new Map<string, Datasets>();

/**
 * Loads both CSVs from `datasetsDir` (parsed once per process), or returns
 * null when either file is missing so the caller falls back to generated data.
 */
export function loadDatasets(datasetsDir: string): Datasets | null {
  const imdbFile = path.join(datasetsDir, IMDB_DATASET_FILE);
  const metacriticFile = path.join(datasetsDir, METACRITIC_DATASET_FILE);
  if (!existsSync(imdbFile) || !existsSync(metacriticFile)) return null;
  const cached = cache.get(datasetsDir);
  if (cached) return cached;
  const datasets = { imdb: parseImdbDataset(imdbFile), metacritic: parseMetacriticDataset(metacriticFile) };
  cache.set(datasetsDir, datasets);
  return datasets;
}

/** Title key for cross-source matching: case, accents and punctuation ignored ("Élite" = "Elite"). */
export function titleKey(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Index of Metacritic entries by title key + release year. */
export function indexMetacritic(entries: readonly MetacriticEntry[]): Map<string, MetacriticEntry> {
  const index = new Map<string, MetacriticEntry>();
  for (const entry of entries) {
    const year = /^\d{4}/.exec(entry.releaseDate)?.[0];
    if (!year) continue;
    const key = `${titleKey(entry.title)}|${year}`;
    if (!index.has(key)) index.set(key, entry);
  }
  return index;
}
