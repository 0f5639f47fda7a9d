import { parseEnv, postgresUrl } from "@tvr/config";
import { connectDatabase, ensureDatabaseExists, migrateDatabase } from "@tvr/db";
import type { Command } from "commander";
import { z } from "zod";

export function registerDbCommands(program: Command) {
  program
    .command("migrate")
    .description("create the database if missing and apply the committed migrations")
    .action(async () => {
      const env = parseEnv(z.object({ DATABASE_URL: postgresUrl }));
      const created = await ensureDatabaseExists(env.DATABASE_URL);
      const handle = connectDatabase(env.DATABASE_URL, { max: 1 });
      try {
        await migrateDatabase(handle);
      } finally {
        await handle.close();
      }
      console.log(`${created ? "created database; " : ""}migrations applied`);
    });
}
