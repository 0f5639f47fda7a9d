import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type AlertSettings, PROMETHEUS_DIR, renderRules } from "@tvr/prometheus-config";
import { parse, stringify } from "yaml";
import { type Program, startProgram } from "./processes.ts";

export const ALERTMANAGER_CONFIG = fileURLToPath(
  new URL("../../../deploy/alertmanager/alertmanager.yml", import.meta.url),
);

export interface ScrapeTargets {
  /** service name → host:port of its /metrics */
  services: Record<string, string>;
  postgres: string;
  redis: string;
}

type ScrapeJob = { job_name: string; file_sd_configs?: unknown; static_configs?: unknown };

/**
 * The committed prometheus.yml with the test's targets in place of the file_sd
 * files, a 1 s scrape and evaluation interval and the rules rendered with `settings`.
 */
export function testPrometheusConfig(
  targets: ScrapeTargets,
  alertmanager: string,
  rulesFile: string,
): string {
  const config = parse(readFileSync(path.join(PROMETHEUS_DIR, "prometheus.yml"), "utf8")) as {
    global: Record<string, string>;
    rule_files: string[];
    alerting: unknown;
    scrape_configs: ScrapeJob[];
  };
  const staticTargets: Record<string, unknown> = {
    tvr: Object.entries(targets.services).map(([service, target]) => ({
      targets: [target],
      labels: { service },
    })),
    postgres: [{ targets: [targets.postgres] }],
    redis: [{ targets: [targets.redis] }],
  };
  config.global = { scrape_interval: "1s", evaluation_interval: "1s" };
  config.rule_files = [rulesFile];
  config.alerting = { alertmanagers: [{ static_configs: [{ targets: [alertmanager] }] }] };
  config.scrape_configs = config.scrape_configs
    .filter((job) => job.job_name in staticTargets)
    .map(({ file_sd_configs: _, ...job }) => ({ ...job, static_configs: staticTargets[job.job_name] }));
  return stringify(config);
}

export async function startPrometheus(options: {
  targets: ScrapeTargets;
  alertmanager: string;
  settings: AlertSettings;
}): Promise<Program> {
  return startProgram({
    name: "prometheus",
    command: "prometheus",
    readyPath: "/-/ready",
    args: (dir, port) => {
      const rules = path.join(dir, "tvr.rules.yml");
      const config = path.join(dir, "prometheus.yml");
      // Written before the process starts (startProgram spawns it with these arguments).
      writeFileSync(rules, renderRules(options.settings));
      writeFileSync(config, testPrometheusConfig(options.targets, options.alertmanager, rules));
      return [
        `--config.file=${config}`,
        `--storage.tsdb.path=${path.join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--rules.alert.resend-delay=1s",
      ];
    },
  });
}

/**
 * The committed Alertmanager config pointed at the local receivers: the SMTP
 * smarthost, and secret files holding the Slack URL and SMTP password; grouping
 * waits shortened so that notifications arrive within seconds.
 */
export async function writeTestAlertmanagerConfig(
  dir: string,
  receivers: { smarthost: string; slackUrl: string; smtpPassword: string },
): Promise<string> {
  const config = parse(readFileSync(ALERTMANAGER_CONFIG, "utf8"), { merge: true }) as {
    global: Record<string, unknown>;
    route: Record<string, unknown>;
  };
  const slackFile = path.join(dir, "slack_webhook_url");
  const passwordFile = path.join(dir, "smtp_password");
  await writeFile(slackFile, receivers.slackUrl, { mode: 0o600 });
  await writeFile(passwordFile, receivers.smtpPassword, { mode: 0o600 });
  config.global = {
    ...config.global,
    smtp_smarthost: receivers.smarthost,
    slack_api_url_file: slackFile,
    smtp_auth_password_file: passwordFile,
  };
  config.route = { ...config.route, group_wait: "1s", group_interval: "2s" };
  const file = path.join(dir, "alertmanager.yml");
  await writeFile(file, stringify(config, { aliasDuplicateObjects: false }));
  return file;
}

export async function startAlertmanager(configFor: (dir: string) => Promise<string>): Promise<Program> {
  const secretsDir = await mkdtemp(path.join(tmpdir(), "tvr-am-secrets-"));
  const configFile = await configFor(secretsDir);
  return startProgram({
    name: "alertmanager",
    command: "prometheus-alertmanager",
    readyPath: "/-/ready",
    args: (dir, port) => [
      `--config.file=${configFile}`,
      `--storage.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--cluster.listen-address=",
    ],
  });
}

export function startPostgresExporter(databaseUrl: string): Promise<Program> {
  const url = new URL(databaseUrl);
  url.searchParams.set("sslmode", "disable");
  return startProgram({
    name: "postgres-exporter",
    command: "prometheus-postgres-exporter",
    readyPath: "/metrics",
    env: { DATA_SOURCE_NAME: url.toString() },
    args: (_dir, port) => [`--web.listen-address=127.0.0.1:${port}`],
  });
}

export function startRedisExporter(redisUrl: string): Promise<Program> {
  return startProgram({
    name: "redis-exporter",
    command: "prometheus-redis-exporter",
    readyPath: "/metrics",
    args: (_dir, port) => [`-web.listen-address=127.0.0.1:${port}`, `-redis.addr=${redisUrl}`],
  });
}

export const hostOf = (url: string) => new URL(url).host;

/** An instant query against the Prometheus HTTP API. */
export async function query(prometheusUrl: string, promql: string) {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  if (body.status !== "success") throw new Error(`query ${promql} failed: ${body.error}`);
  return body.data?.result ?? [];
}
