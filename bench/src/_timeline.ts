import { rateLimits, startBenchStack } from "./stack.ts";

const limits = rateLimits(process.env);
const size = Number(process.argv[2] ?? 1200);
const stack = await startBenchStack({
  size,
  limits,
  env: process.env.DEBUGLOG ? { LOG_LEVEL: "debug" } : {},
  code: process.env.SRC ? "source" : { artefacts: "/work/main/.build/bench" },
});
try {
  const t0 = Date.now();
  const { seconds, summary } = await stack.runToEnd();
  for (const s of stack.services) {
    const u = s.usage();
    console.log(
      "MEM",
      s.name,
      (u.peakRss / 1048576).toFixed(0),
      u.cpuSeconds.toFixed(1),
      "children",
      (u.children.peakRss / 1048576).toFixed(0),
      u.children.cpuSeconds.toFixed(1),
    );
  }
  const end = t0 + seconds * 1000;
  const stats = stack.sandbox.stats.snapshot();
  console.log("run", seconds.toFixed(1), summary.status);
  for (const [family, times] of Object.entries(stats.requestTimes)) {
    const rel = times.map((t) => (t - t0) / 1000);
    const buckets: number[] = [];
    for (const r of rel) buckets[Math.floor(r / 5)] = (buckets[Math.floor(r / 5)] ?? 0) + 1;
    console.log(
      family,
      "first",
      rel[0]?.toFixed(1),
      "last",
      rel.at(-1)?.toFixed(1),
      "n",
      rel.length,
      "per5s",
      Array.from(buckets, (b) => b ?? 0).join(","),
    );
  }
  console.log(
    "end-lastreq",
    ((end - Math.max(...Object.values(stats.requestTimes).flat())) / 1000).toFixed(1),
  );
  console.log(
    JSON.stringify(
      {
        byStatus: stats.byStatus,
        families: stats.families,
        pageOutcomes: stats.pageOutcomes,
        faults: stats.faults,
      },
      null,
      1,
    ),
  );
} finally {
  await stack.close();
}
