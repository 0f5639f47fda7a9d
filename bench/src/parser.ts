import { fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { CheerioCrawler, Configuration, log as crawleeLog, LogLevel } from "@crawlee/cheerio";
import { detectBlock, parsePage } from "@tvr/page-parsers";
import { load as loadWithHtmlparser2 } from "cheerio/slim";
import { loadRealPages, type RealPage } from "./pages.ts";
import { formatTable, round } from "./table.ts";

export interface ParserBenchOptions {
  /** Passes over every page per contender; the passes alternate between contenders. */
  rounds: number;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** What the scraper does with a fetched page: classify it, then parse it unless it is a wall or shell. */
function ourParser(page: RealPage): unknown {
  return detectBlock(page.html, 200) ?? parsePage(page.site, page.html);
}

function bareHtmlparser2(page: RealPage): unknown {
  return loadWithHtmlparser2(page.html);
}

function timePass(pages: RealPage[], work: (page: RealPage) => unknown): number {
  const started = cpuMs();
  for (const page of pages) work(page);
  return cpuMs() - started;
}

/** Crawlee's CheerioCrawler fetching the same pages from a loopback server (another process). */
async function crawleeCpuMs(pages: RealPage[], copies: number): Promise<number> {
  const server = fork(path.join(import.meta.dirname, "page-server.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const storage = await mkdtemp(path.join(tmpdir(), "tvr-bench-crawlee-"));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.once("message", (message: { port: number }) => resolve(message.port));
      server.once("exit", (code) => reject(new Error(`page server exited (${code})`)));
    });
    crawleeLog.setLevel(LogLevel.OFF);
    let handled = 0;
    const crawler = new CheerioCrawler(
      {
        maxRequestRetries: 0,
        requestHandler: async ({ $ }) => {
          if ($("title").length >= 0) handled++;
        },
      },
      new Configuration({ persistStorage: false, storageClientOptions: { localDataDirectory: storage } }),
    );
    const urls = Array.from({ length: copies }, (_, copy) =>
      pages.map((_, index) => `http://127.0.0.1:${port}/${index}?copy=${copy}`),
    ).flat();
    const started = cpuMs();
    await crawler.run(urls);
    const spent = cpuMs() - started;
    if (handled !== urls.length) throw new Error(`Crawlee handled ${handled} of ${urls.length} pages`);
    return spent;
  } finally {
    server.disconnect();
    await rm(storage, { recursive: true, force: true });
  }
}

export async function parserBench(options: ParserBenchOptions): Promise<string> {
  const pages = loadRealPages();
  // Warm-up: the JIT and the parsers' lazy set-up are not what we measure.
  for (let pass = 0; pass < 2; pass++) {
    timePass(pages, ourParser);
    timePass(pages, bareHtmlparser2);
  }
  let ours = 0;
  let bare = 0;
  for (let pass = 0; pass < options.rounds; pass++) {
    ours += timePass(pages, ourParser);
    bare += timePass(pages, bareHtmlparser2);
  }
  const crawlee = await crawleeCpuMs(pages, options.rounds);
  const measured = pages.length * options.rounds;
  const perPage = (total: number) => total / measured;
  const bytes = pages.reduce((sum, page) => sum + Buffer.byteLength(page.html), 0);
  const rows: [string, number][] = [
    ["our parser (detectBlock + parsePage)", perPage(ours)],
    ["bare cheerio load, htmlparser2 (cheerio/slim)", perPage(bare)],
    ["Crawlee CheerioCrawler (fetch + load, loopback)", perPage(crawlee)],
  ];
  return formatTable(
    `Parser CPU per real page: ${pages.length} saved RT/MC pages (${round(bytes / pages.length / 1024, 0)} KiB on average), ${options.rounds} rounds`,
    ["contender", "CPU ms/page", "× bare htmlparser2"],
    rows.map(([name, ms]) => [name, round(ms), round(ms / perPage(bare))]),
  );
}
