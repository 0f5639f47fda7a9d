import { getRun, listRuns, summarizeRun } from "@tvr/runs";
import type { Command } from "commander";
import { openContext } from "../context.ts";
import { formatSummary } from "../format.ts";

export function registerRunsCommands(program: Command) {
  const runs = program.command("runs").description("inspect pipeline runs");

  runs
    .command("list")
    .description("recent runs, newest first")
    .option("--limit <n>", "how many", (v) => Number.parseInt(v, 10), 20)
    .option("--json", "print JSON")
    .action(async (opts: { limit: number; json?: boolean }) => {
      const ctx = openContext();
      try {
        const rows = await listRuns(ctx.database.db, { limit: opts.limit, offset: 0 });
        if (opts.json) return console.log(JSON.stringify(rows, null, 2));
        if (rows.length === 0) return console.log("no runs yet");
        for (const r of rows) {
          console.log(
            `${r.id}  ${r.status.padEnd(9)} ${r.mode.padEnd(7)} started ${r.startedAt.toISOString()}${r.finishedAt ? `  finished ${r.finishedAt.toISOString()}` : ""}`,
          );
        }
      } finally {
        await ctx.close();
      }
    });

  runs
    .command("show")
    .description("one run's status, counts and failures by reason")
    .argument("<id>", "run id, or 'latest'")
    .option("--json", "print JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const ctx = openContext();
      try {
        const run = await getRun(ctx.database.db, id);
        if (!run) {
          console.error(`no run ${id}`);
          process.exitCode = 2;
          return;
        }
        const summary = await summarizeRun(ctx.database.db, run.id);
        if (!summary) return;
        console.log(opts.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
      } finally {
        await ctx.close();
      }
    });
}
