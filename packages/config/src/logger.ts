import pino, { type Logger } from "pino";

export type { Logger };

export function createLogger(options: { name: string; level?: string }): Logger {
  return pino({
    name: options.name,
    level: options.level ?? "info",
    redact: {
      paths: ["apiKey", "*.apiKey", "token", "*.token", "headers.authorization", "*.headers.authorization"],
      censor: "REDACTED",
    },
    ...(process.stdout.isTTY ? { transport: { target: "pino-pretty", options: { colorize: true } } } : {}),
  });
}
