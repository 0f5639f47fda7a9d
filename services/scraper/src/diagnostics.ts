import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export interface FailedPage {
  site: string;
  seriesId: number;
  url: string;
  status: number;
  fetchedWith: "http" | "browser";
  fingerprint: string;
  html: string;
}

export interface Diagnostics {
  /** Writes the page and, next to it, its URL and fingerprint; returns the HTML file's path. */
  savePage(page: FailedPage): Promise<string>;
}

/** Pages that matched no known layout, kept for whoever updates the parsers. */
export function createDiagnostics(directory: string): Diagnostics {
  return {
    async savePage(page) {
      await mkdir(directory, { recursive: true });
      const hash = createHash("sha256").update(page.html).digest("hex").slice(0, 10);
      const base = path.join(directory, `${page.site}-${page.seriesId}-${hash}`);
      const { html, ...about } = page;
      await writeFile(`${base}.html`, html);
      await writeFile(
        `${base}.json`,
        `${JSON.stringify({ ...about, savedAt: new Date().toISOString() }, null, 2)}\n`,
      );
      return `${base}.html`;
    },
  };
}
