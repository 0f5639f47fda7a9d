import { type Database, series as seriesTable } from "@tvr/db";
import { queues as contract, jobId, parsePayload, type ScrapeSite, type SeriesRecord } from "@tvr/queues";
import type { FlowChildJob } from "bullmq";
import { eq } from "drizzle-orm";

const SCRAPE_QUEUE = { rt: "scrapeRt", mc: "scrapeMc" } as const;

/**
 * The enrichment jobs a series' load waits for: OMDb when it has an IMDb id,
 * and one scrape per enabled site, starting from the page an earlier run confirmed.
 */
export async function enrichmentChildren(
  db: Database,
  runId: string,
  series: SeriesRecord,
  scrapeSites: readonly ScrapeSite[],
): Promise<FlowChildJob[]> {
  const children: FlowChildJob[] = [];
  if (series.imdbId) {
    children.push({
      name: "lookup",
      queueName: contract.omdb.name,
      data: parsePayload("omdb", "lookup", { runId, seriesId: series.seriesId, imdbId: series.imdbId }),
      opts: { ...contract.omdb.options, jobId: jobId(runId, "omdb", series.seriesId) },
    });
  }
  if (scrapeSites.length === 0) return children;

  const [known] = await db
    .select({ rt: seriesTable.rtPath, mc: seriesTable.mcPath })
    .from(seriesTable)
    .where(eq(seriesTable.seriesId, series.seriesId));
  for (const site of scrapeSites) {
    const queue = contract[SCRAPE_QUEUE[site]];
    children.push({
      name: "scrape",
      queueName: queue.name,
      data: parsePayload(SCRAPE_QUEUE[site], "scrape", {
        runId,
        seriesId: series.seriesId,
        title: series.title,
        originalTitle: series.originalTitle,
        firstAirYear: series.firstAirDate ? Number(series.firstAirDate.slice(0, 4)) : null,
        knownPath: known?.[site] ?? null,
      }),
      opts: { ...queue.options, jobId: jobId(runId, queue.name, series.seriesId) },
    });
  }
  return children;
}
