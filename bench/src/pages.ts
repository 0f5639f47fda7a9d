import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Site } from "@tvr/page-parsers";
import { fixturePath, fixturesAvailable, fixturesDir } from "@tvr/testing";

export interface RealPage {
  site: Site;
  /** Path under the fixtures folder. */
  name: string;
  html: string;
}

function htmlFilesUnder(directory: string): string[] {
  return readdirSync(directory)
    .flatMap((entry) => {
      const full = path.join(directory, entry);
      return statSync(full).isDirectory() ? htmlFilesUnder(full) : entry.endsWith(".html") ? [full] : [];
    })
    .sort();
}

/** Every saved Rotten Tomatoes and Metacritic page in FIXTURES_DIR (default ../shared/fixtures). */
export function loadRealPages(): RealPage[] {
  if (!fixturesAvailable) throw new Error(`fixtures not found at ${fixturesDir} (set FIXTURES_DIR)`);
  const sites: [Site, string][] = [
    ["rt", "rottentomatoes"],
    ["mc", "metacritic"],
  ];
  return sites.flatMap(([site, folder]) =>
    htmlFilesUnder(fixturePath(folder)).map((file) => ({
      site,
      name: path.relative(fixturesDir, file),
      html: readFileSync(file, "utf8"),
    })),
  );
}
