import { buildSandbox, type Sandbox, type SandboxOptions, type SandboxUrls } from "../src/index.ts";

export const TMDB_KEY = "sandbox-tmdb-key";
export const TMDB_TOKEN = "sandbox-tmdb-read-token";
export const OMDB_KEY = "sandboxk";

export interface RunningSandbox {
  sandbox: Sandbox;
  urls: SandboxUrls;
  close(): Promise<void>;
}

/** A sandbox on a free loopback port; generated data unless the options say otherwise. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await buildSandbox({ datasetsDir: null, ...options });
  const urls = await sandbox.listen({ port: 0 });
  return { sandbox, urls, close: () => sandbox.close() };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

export async function get(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export async function getJson<T = Record<string, unknown>>(url: string, init: RequestInit = {}) {
  const result = await get(url, init);
  return { ...result, body: JSON.parse(result.text) as T };
}

export function tmdbUrl(
  urls: SandboxUrls,
  path: string,
  params: Record<string, string | number> = {},
): string {
  const url = new URL(`${urls.tmdb}${path}`);
  url.searchParams.set("api_key", TMDB_KEY);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, String(value));
  return url.toString();
}

export function omdbUrl(urls: SandboxUrls, params: Record<string, string>): string {
  const url = new URL(urls.omdb);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

export interface TopRatedPage {
  page: number;
  results: Array<Record<string, unknown> & { id: number; vote_average: number; vote_count: number }>;
  total_pages: number;
  total_results: number;
}

/** Every page of top_rated, in order. */
export async function fetchAllPages(urls: SandboxUrls): Promise<TopRatedPage[]> {
  const first = await getJson<TopRatedPage>(tmdbUrl(urls, "/tv/top_rated", { page: 1 }));
  const pages = [first.body];
  for (let page = 2; page <= first.body.total_pages; page++) {
    pages.push((await getJson<TopRatedPage>(tmdbUrl(urls, "/tv/top_rated", { page }))).body);
  }
  return pages;
}
