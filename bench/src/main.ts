/**
 * `pnpm bench [parser|run] [--size N] [--rounds N]`: prints the benchmark tables.
 * Without a command: the parser table, then a sandbox run of --size series (default 1,200).
 */
import { parseArgs } from "node:util";
import { parserBench } from "./parser.ts";
import { runBench } from "./run.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: "string", default: "1200" },
    rounds: { type: "string", default: "10" },
  },
});
const command = positionals[0] ?? "all";
if (!["all", "parser", "run"].includes(command)) {
  console.error("usage: pnpm bench [parser|run] [--size N] [--rounds N]");
  process.exit(2);
}
const positiveInt = (name: string, value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    console.error(`--${name} must be a positive integer, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return number;
};
const size = positiveInt("size", values.size);
const rounds = positiveInt("rounds", values.rounds);

if (command === "all" || command === "parser") console.log(await parserBench({ rounds }));
if (command === "all" || command === "run") console.log(await runBench({ size }));
