#!/usr/bin/env bash
# Makes this machine ready to run and test the pipeline: pnpm, dependencies,
# PostgreSQL >= 15, Redis >= 7, Chromium, the migrated database, and the
# project's Python environment (.venv, from uv.lock).
# Uses DATABASE_URL / REDIS_URL when they answer; otherwise starts local
# servers, installing them with apt-get when missing and running as root.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

UV_VERSION=0.13.9

ensure_node() {
  command -v node >/dev/null || die "Node.js >= 20 is required (https://nodejs.org)"
  local major; major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js >= 20 is required, found $(node --version)"
}

ensure_pnpm() {
  local PNPM_VERSION
  PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
  if ! command -v pnpm >/dev/null || [ "$(pnpm --version | cut -d. -f1)" != "${PNPM_VERSION%%.*}" ]; then
    say "installing pnpm $PNPM_VERSION"
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null
  fi
  say "installing dependencies"
  pnpm install --frozen-lockfile --reporter=silent
}

apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
  say "installing $* with apt-get"
  if [ ! -f /tmp/.tvr-apt-updated ]; then apt-get update -qq >/dev/null && touch /tmp/.tvr-apt-updated; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

postgres_answers() { node scripts/ping.mjs postgres "$DATABASE_URL"; }
redis_answers() { node scripts/ping.mjs redis "$REDIS_URL"; }
compose_available() { command -v docker >/dev/null && docker info >/dev/null 2>&1; }

ensure_postgres() {
  postgres_answers && return 0
  if compose_available; then
    say "starting PostgreSQL with docker compose"; docker compose up -d postgres
  else
    command -v pg_ctlcluster >/dev/null || apt_install postgresql || die "PostgreSQL is not reachable at DATABASE_URL and cannot be installed here (not root or no apt-get)"
    local version; version=$(ls /etc/postgresql | sort -V | tail -1)
    say "starting local PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    # Trust local TCP connections for the postgres role, as the default URL expects.
    if ! postgres_answers; then
      local hba="/etc/postgresql/$version/main/pg_hba.conf"
      grep -q "tvr-local-trust" "$hba" || sed -i '1i host all postgres 127.0.0.1/32 trust # tvr-local-trust' "$hba"
      pg_ctlcluster --skip-systemctl-redirect "$version" main reload || true
    fi
  fi
  wait_for "PostgreSQL" postgres_answers
}

# A Redis this script starts keeps an append-only file fsynced every second and
# never evicts (BullMQ loses jobs otherwise), as compose and Kubernetes start it.
# An existing one is used as it is, with a warning when it may evict.
ensure_redis() {
  if redis_answers; then
    node scripts/redis-eviction.mjs "$REDIS_URL"
    return 0
  fi
  if compose_available; then
    say "starting Redis with docker compose"; docker compose up -d redis
  else
    command -v redis-server >/dev/null || apt_install redis-server || die "Redis is not reachable at REDIS_URL and cannot be installed here (not root or no apt-get)"
    say "starting local Redis (append-only file in .run/redis, noeviction)"
    mkdir -p .run/redis
    redis-server --daemonize yes --bind 127.0.0.1 --port "$(url_port "$REDIS_URL" 6379)" --dir "$PWD/.run/redis" \
      --save "" --appendonly yes --appendfsync everysec --maxmemory-policy noeviction >/dev/null
  fi
  wait_for "Redis" redis_answers
}

# What the deployment checks use: kubectl (kustomize), Prometheus (the KEDA query test).
ensure_deploy_tools() {
  command -v prometheus >/dev/null || apt_install prometheus ||
    warn "Prometheus not found and not installable; the KEDA scaler test will fail"
  # Debian's kubernetes-client is too old for these kustomizations; kubectl comes with the machine image.
  command -v kubectl >/dev/null ||
    warn "kubectl not found (it renders deploy/k8s with kustomize); the Kubernetes checks will fail"
}

ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return 0
  apt_install chromium || warn "Chromium not found and not installable; browser tests and the scraper's browser fallback will fail"
}

# xmllint checks the generated Tableau workbook against Tableau's published schema.
ensure_xmllint() {
  command -v xmllint >/dev/null || apt_install libxml2-utils || warn "xmllint (libxml2-utils) not found and not installable; the Tableau workbook schema check will fail"
}

# The Python 3.11/3.12 interpreter uv builds .venv with (never a downloaded one).
find_python() {
  local candidate
  for candidate in python3.11 python3.12 python3; do
    command -v "$candidate" >/dev/null || continue
    "$candidate" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 12)))' && { echo "$candidate"; return 0; }
  done
  return 1
}

# .venv from the committed uv.lock (exact versions, hashes): Airflow and its providers, the
# quality and Tableau groups, the dev tools. Quick when already in sync.
ensure_python_env() {
  local python uv=".tools/uv-$UV_VERSION/bin/uv"
  python=$(find_python) || { apt_install python3 python3-venv python3-pip && python=$(find_python); } ||
    die "Python 3.11 or 3.12 is required for the Python parts (Airflow DAG tests)"
  if [ ! -x "$uv" ]; then
    "$python" -m pip --version >/dev/null 2>&1 || apt_install python3-pip || die "pip is needed to install uv"
    say "installing uv $UV_VERSION from PyPI"
    PIP_BREAK_SYSTEM_PACKAGES=1 "$python" -m pip install --quiet --disable-pip-version-check \
      --target ".tools/uv-$UV_VERSION" "uv==$UV_VERSION" || die "could not install uv $UV_VERSION with pip"
  fi
  [ -d .venv ] || say "creating the Python environment .venv from uv.lock (first time: a few minutes, about 1.1 GB)"
  "$uv" sync --locked --all-packages --python "$python" --quiet
}

# Prometheus, Alertmanager and the Postgres/Redis exporters from Debian's packages: `make up`
# runs them and the monitoring tests need them (they are skipped, or fail in CI, without).
MONITORING_PROGRAMS=(prometheus promtool prometheus-alertmanager amtool prometheus-postgres-exporter prometheus-redis-exporter)
ensure_monitoring() {
  local missing=0 program
  for program in "${MONITORING_PROGRAMS[@]}"; do command -v "$program" >/dev/null || missing=1; done
  [ $missing = 0 ] && return 0
  if apt_install --no-install-recommends prometheus prometheus-alertmanager prometheus-postgres-exporter prometheus-redis-exporter; then
    # The packages start system services on the stack's ports; `make up` runs its own.
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
      systemctl disable --now prometheus prometheus-alertmanager prometheus-postgres-exporter prometheus-redis-exporter >/dev/null 2>&1 || true
    fi
  else
    warn "Prometheus/Alertmanager not installed (needs root and apt-get): make up runs without monitoring, its tests are skipped"
  fi
}

ensure_node
ensure_pnpm
ensure_postgres
ensure_redis
[ "${SETUP_CHROMIUM:-1}" = 1 ] && ensure_chromium
ensure_monitoring
ensure_xmllint
ensure_deploy_tools
pnpm -s etl migrate
[ "${SETUP_PYTHON:-1}" = 1 ] && ensure_python_env
say "ready: PostgreSQL at $(redact "$DATABASE_URL"), Redis at $(redact "$REDIS_URL")"
