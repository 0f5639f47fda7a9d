# Shared shell helpers; sourced by the scripts in this folder.
# Configuration: the environment, then an optional .env file at the top level.
# Variables already set in the environment win over .env.
if [ -f .env ]; then
  while IFS='=' read -r name value; do
    [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    [ -n "${!name+x}" ] || export "$name=$value"
  done < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' .env)
fi
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tv_ratings}"
export TURBO_TELEMETRY_DISABLED=1
# No usage reporting from the Python tools either (Airflow, dbt, Great Expectations, Scarf).
export AIRFLOW__USAGE_DATA_COLLECTION__ENABLED=False SCARF_ANALYTICS=false DO_NOT_TRACK=1
export DBT_SEND_ANONYMOUS_USAGE_STATS=false GX_ANALYTICS_ENABLED=false
# uv uses the machine's Python and never downloads one.
export UV_PYTHON_DOWNLOADS=never
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
# The pipeline workers' V8 heap cap, as their images set it (services/<name>/Dockerfile); the
# bench uses it too (bench/src/stack.ts), and tests/deploy checks that all of them agree.
WORKER_NODE_OPTIONS="--max-old-space-size=128"

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

redact() { sed -E 's#://([^:/@]+):[^@]*@#://\1:REDACTED@#' <<<"$1"; }
url_port() { local p; p=$(sed -nE 's#.*:([0-9]+)(/.*)?$#\1#p' <<<"$1"); echo "${p:-$2}"; }

wait_for() { # name command...
  local name=$1; shift
  for _ in $(seq 1 60); do "$@" && return 0; sleep 0.5; done
  die "$name did not become ready"
}

have_live_keys() { [ -n "${TMDB_API_KEY:-}${TMDB_READ_TOKEN:-}" ] && [ -n "${OMDB_API_KEY:-}" ]; }
