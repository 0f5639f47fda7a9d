import { ConfigError } from "@tvr/config";
import { Command } from "commander";
import { registerDbCommands } from "./commands/db.ts";
import { registerParsePageCommand } from "./commands/parse-page.ts";
import { registerRunCommand } from "./commands/run.ts";
import { registerRunsCommands } from "./commands/runs.ts";

const program = new Command("etl")
  .description("TV ratings pipeline: start and inspect runs")
  .showHelpAfterError();
registerRunCommand(program);
registerRunsCommands(program);
registerDbCommands(program);
registerParsePageCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`);
  process.exitCode = 1;
}
