#!/usr/bin/env bash
# Starts, stops and reports the pipeline's processes on this machine:
#   scripts/stack.sh up | down | status
# Without TMDB/OMDb keys the upstream sandbox is started too and the services
# point at it. Logs go to .run/logs/<name>.log, pids to .run/<name>.pid.
# Without API credentials a local token is generated into .run/api-token.
# STACK_ARTEFACTS=<dir> runs the built services (scripts/build-artefacts.sh <dir>)
# with plain node instead of the TypeScript sources through tsx.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

RUN_DIR=.run
mkdir -p "$RUN_DIR/logs"

# name|entry point|health URL
SERVICES=(
  "ingestor|services/ingestor/src/main.ts|http://127.0.0.1:${INGESTOR_METRICS_PORT:-9101}/healthz"
  "omdb-enricher|services/omdb-enricher/src/main.ts|http://127.0.0.1:${ENRICHER_METRICS_PORT:-9102}/healthz"
  "loader|services/loader/src/main.ts|http://127.0.0.1:${LOADER_METRICS_PORT:-9103}/healthz"
  "scraper|services/scraper/src/main.ts|http://127.0.0.1:${SCRAPER_METRICS_PORT:-9104}/healthz"
  "api|services/api/src/main.ts|http://127.0.0.1:${API_PORT:-3000}/healthz"
  # The Python quality worker (GX checkpoint, dbt build) on the `quality` queue; .venv comes from scripts/setup.sh.
  "quality|env QUALITY_METRICS_PORT=${QUALITY_METRICS_PORT:-9105} QUALITY_OUTPUT_DIR=${QUALITY_OUTPUT_DIR:-$PWD/.run/quality} .venv/bin/tvr-quality|http://127.0.0.1:${QUALITY_METRICS_PORT:-9105}/healthz"
)
API_TOKEN_FILE="$RUN_DIR/api-token"

# Monitoring, started when the Debian packages are installed (scripts/setup.sh installs them):
# name|command line|health URL
ALERT_SECRETS=deploy/alertmanager/secrets
monitoring_entries() {
  local pg_dsn
  pg_dsn="$(node -e 'const u=new URL(process.argv[1]);u.searchParams.set("sslmode","disable");console.log(u.href)' "$DATABASE_URL")"
  command -v prometheus-postgres-exporter >/dev/null &&
    echo "postgres-exporter|env DATA_SOURCE_NAME=$pg_dsn prometheus-postgres-exporter --web.listen-address=127.0.0.1:9187|http://127.0.0.1:9187/metrics"
  command -v prometheus-redis-exporter >/dev/null &&
    echo "redis-exporter|prometheus-redis-exporter -web.listen-address=127.0.0.1:9121 -redis.addr=$REDIS_URL|http://127.0.0.1:9121/metrics"
  command -v prometheus-alertmanager >/dev/null &&
    echo "alertmanager|prometheus-alertmanager --config.file=deploy/alertmanager/alertmanager.yml --storage.path=$RUN_DIR/alertmanager --web.listen-address=127.0.0.1:9093 --cluster.listen-address=|http://127.0.0.1:9093/-/ready"
  command -v prometheus >/dev/null &&
    echo "prometheus|prometheus --config.file=deploy/prometheus/prometheus.yml --storage.tsdb.path=$RUN_DIR/prometheus --web.listen-address=127.0.0.1:9090|http://127.0.0.1:9090/-/ready"
  return 0
}

# Alertmanager reads the Slack webhook URL and SMTP password from files, written here from the environment.
write_alert_secrets() {
  mkdir -p "$ALERT_SECRETS"
  (umask 077
    printf '%s' "${ALERT_SLACK_WEBHOOK_URL:-}" >"$ALERT_SECRETS/slack_webhook_url"
    printf '%s' "${ALERT_SMTP_PASSWORD:-}" >"$ALERT_SECRETS/smtp_password")
}
SANDBOX="sandbox|tools/sandbox/src/main.ts|http://127.0.0.1:${SANDBOX_PORT:-4010}/__sandbox/stats"

configure_mode() {
  if have_live_keys; then
    export PIPELINE_MODE=live
  else
    export PIPELINE_MODE=sandbox
    local base="http://127.0.0.1:${SANDBOX_PORT:-4010}"
    export TMDB_BASE_URL="$base/tmdb/3" TMDB_API_KEY="${SANDBOX_TMDB_API_KEY:-sandbox-tmdb-key}" TMDB_READ_TOKEN=""
    export OMDB_BASE_URL="$base/omdb/" OMDB_API_KEY="${SANDBOX_OMDB_API_KEY:-sandboxk}"
    # The sandbox has no free-tier quota; a deliberately small one can still be set.
    export OMDB_DAILY_QUOTA="${OMDB_DAILY_QUOTA:-100000}"
    export RT_BASE_URL="$base/rt" MC_BASE_URL="$base/mc"
    # With its data anomalies on, the sandbox serves other OMDb answers: cache them apart.
    case "${SANDBOX_DATA_ANOMALIES:-false}" in
      1 | true | yes | on) export OMDB_CACHE_SCOPE="${OMDB_CACHE_SCOPE:-sandbox-anomalies}" ;;
      *) export OMDB_CACHE_SCOPE="${OMDB_CACHE_SCOPE:-sandbox}" ;;
    esac
    # Politeness limits are for the real sites; the local sandbox can take more.
    export RT_RATE_LIMIT_PER_SECOND="${RT_RATE_LIMIT_PER_SECOND:-25}" MC_RATE_LIMIT_PER_SECOND="${MC_RATE_LIMIT_PER_SECOND:-25}"
  fi
}

# Where the API's credentials come from; generates a local token when none is configured.
configure_api_auth() {
  if [ "${API_AUTH_DISABLED:-}" = true ]; then
    API_CREDENTIALS_SOURCE="none: API_AUTH_DISABLED=true (local development only)"
  elif [ -n "${API_TOKEN:-}${API_BASIC_USER:-}" ]; then
    API_CREDENTIALS_SOURCE="API_TOKEN / API_BASIC_USER + API_BASIC_PASSWORD from .env or the environment"
  else
    if [ ! -s "$API_TOKEN_FILE" ]; then
      (umask 077 && node -e 'console.log(require("node:crypto").randomBytes(32).toString("hex"))' >"$API_TOKEN_FILE")
      say "no API credentials configured: generated a local token in $API_TOKEN_FILE (mode 600)"
    fi
    chmod 600 "$API_TOKEN_FILE"
    API_TOKEN=$(<"$API_TOKEN_FILE")
    export API_TOKEN API_BASIC_USER=admin API_BASIC_PASSWORD="$API_TOKEN"
    API_CREDENTIALS_SOURCE="generated token in $API_TOKEN_FILE: 'Authorization: Bearer <token>', or user 'admin' with the token as password (browser)"
  fi
}

print_endpoints() {
  local api="http://127.0.0.1:${API_PORT:-3000}" host="http://127.0.0.1"
  cat >&2 <<EOT

  API          $api/runs  (docs $api/docs, OpenAPI $api/openapi.json)
  Bull Board   $api/queues
  Metrics      $api/metrics (queues, last run)
               $host:${INGESTOR_METRICS_PORT:-9101}/metrics  $host:${ENRICHER_METRICS_PORT:-9102}/metrics  $host:${LOADER_METRICS_PORT:-9103}/metrics
               $host:${QUALITY_METRICS_PORT:-9105}/metrics (quality worker: validation, marts)
  Data Docs    $PWD/.run/quality/data_docs/index.html  (dbt docs: $PWD/.run/quality/dbt/target/index.html)
  Credentials  $API_CREDENTIALS_SOURCE
  Prometheus   $(pid_of prometheus >/dev/null && echo "$host:9090 (targets $host:9090/targets, alerts $host:9090/alerts)" || echo "not started (prometheus not installed; scripts/setup.sh installs it)")
  Alertmanager $(pid_of alertmanager >/dev/null && echo "$host:9093 (Slack/email secrets from ALERT_SLACK_WEBHOOK_URL / ALERT_SMTP_PASSWORD)" || echo "not started")

EOT
}

pid_of() { local f="$RUN_DIR/$1.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
http_ok() { node -e "fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "$1"; }

start_one() { # "name|entry|health" (entry: a .ts file, or a command line)
  IFS='|' read -r name entry health <<<"$1"
  if pid_of "$name" >/dev/null; then say "$name already running (pid $(pid_of "$name"))"; return; fi
  if [[ $entry == *.ts ]]; then
    local command=(node --import tsx "$entry")
    [ -n "${STACK_ARTEFACTS:-}" ] && command=(node "$STACK_ARTEFACTS/${entry%/src/main.ts}/dist/main.js")
    local node_options=${NODE_OPTIONS:-}
    [ "$name" != api ] && node_options="$WORKER_NODE_OPTIONS $node_options"
    METRICS_PORT=$(sed -nE 's#.*:([0-9]+)/.*#\1#p' <<<"$health") NODE_OPTIONS="$node_options" \
      nohup "${command[@]}" >>"$RUN_DIR/logs/$name.log" 2>&1 &
  else
    # shellcheck disable=SC2086 # a command line from monitoring_entries
    nohup $entry >>"$RUN_DIR/logs/$name.log" 2>&1 &
  fi
  echo $! >"$RUN_DIR/$name.pid"
  # Up to a few minutes: the quality worker imports Great Expectations and dbt first.
  for _ in $(seq 1 480); do
    http_ok "$health" && { say "$name up (pid $!, log $RUN_DIR/logs/$name.log)"; return; }
    kill -0 $! 2>/dev/null || { tail -n 20 "$RUN_DIR/logs/$name.log" >&2; die "$name exited during start-up"; }
    sleep 0.25
  done
  die "$name did not answer $health"
}

stop_one() {
  local name=$1 pid
  pid=$(pid_of "$name") || { rm -f "$RUN_DIR/$name.pid"; return; }
  kill -TERM "$pid"
  for _ in $(seq 1 $(( ${SHUTDOWN_TIMEOUT_MS:-30000} / 250 + 8 ))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && { warn "$name did not stop in time; killing"; kill -KILL "$pid"; }
  rm -f "$RUN_DIR/$name.pid"
  say "$name stopped"
}

all_entries() { configure_mode; [ "$PIPELINE_MODE" = sandbox ] && echo "$SANDBOX"; printf '%s\n' "${SERVICES[@]}"; }
# The services `up` starts: without the quality stages (QUALITY_STAGE=off) no quality worker.
wanted() { [ "${QUALITY_STAGE:-on}" = off ] && [ "${1%%|*}" = quality ] && return 1; return 0; }

case "${1:-}" in
  up)
    configure_mode
    say "mode: $PIPELINE_MODE$([ "$PIPELINE_MODE" = sandbox ] && echo " (no TMDB/OMDb keys set: using the local upstream sandbox)")"
    [ "$PIPELINE_MODE" = sandbox ] && SANDBOX_PORT=${SANDBOX_PORT:-4010} start_one "$SANDBOX"
    configure_api_auth
    [ "${QUALITY_STAGE:-on}" = off ] && say "quality stages off (QUALITY_STAGE=off): runs end without validation and marts"
    for entry in "${SERVICES[@]}"; do wanted "$entry" && start_one "$entry"; done
    write_alert_secrets
    while IFS= read -r entry; do start_one "$entry"; done < <(monitoring_entries)
    print_endpoints
    ;;
  down)
    for name in prometheus alertmanager redis-exporter postgres-exporter; do stop_one "$name"; done
    mapfile -t entries < <(all_entries)
    for (( i=${#entries[@]}-1; i>=0; i-- )); do stop_one "${entries[i]%%|*}"; done
    stop_one sandbox
    ;;
  status) # exit 0: everything runs, 1: nothing runs, 2: only part of the stack runs
    running=0 stopped=0
    while IFS= read -r entry; do
      name=${entry%%|*}
      wanted "$entry" || continue
      if pid=$(pid_of "$name"); then echo "$name: running (pid $pid)"; running=$((running + 1)); else echo "$name: stopped"; stopped=$((stopped + 1)); fi
    done < <(all_entries)
    [ $stopped = 0 ] && exit 0
    [ $running = 0 ] && exit 1
    exit 2
    ;;
  *) die "usage: scripts/stack.sh up|down|status" ;;
esac
