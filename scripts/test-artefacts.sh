#!/usr/bin/env bash
# make test's proof of the built artefacts: builds every service into .build/,
# starts each from its built folder with plain node (sandbox mode, the stack's
# fixed ports, under the stack lock), runs a short sandbox run with the built
# CLI and requires it to end `succeeded`; then stops the stack.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

OUT=.build
scripts/build-artefacts.sh "$OUT"
export STACK_ARTEFACTS=$OUT QUALITY_STAGE=${QUALITY_STAGE:-off}
unset TMDB_API_KEY TMDB_READ_TOKEN OMDB_API_KEY
etl() { node "$OUT/tools/cli/dist/main.js" "$@"; }

# The stack's fixed ports are shared: hold the stack lock, unless our caller already does
# (`flock /tmp/tvr-stack.lock scripts/test-artefacts.sh`; a second flock on it would wait forever).
STACK_LOCK=/tmp/tvr-stack.lock
lock_held_by_ancestor() {
  local pid=$$ holders
  holders=$(lslocks -n -o PID,PATH 2>/dev/null | awk -v lock="$STACK_LOCK" '$2 == lock { print $1 }')
  while [ "$pid" -gt 1 ]; do
    grep -qx "$pid" <<<"$holders" && return 0
    pid=$(awk '{ print $4 }' "/proc/$pid/stat")
  done
  return 1
}
if ! lock_held_by_ancestor; then
  exec 9>"$STACK_LOCK"
  flock 9
fi
[ "$QUALITY_STAGE" = off ] &&
  say "QUALITY_STAGE=off: the Python quality worker is not a Node artefact, so the run skips validation and transformation"
etl migrate
trap 'scripts/stack.sh down' EXIT
scripts/stack.sh up
etl run --wait --max-pages "${ARTEFACT_RUN_PAGES:-2}" --timeout 600 >&2
status=$(etl runs show latest --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).status))')
[ "$status" = succeeded ] || die "the run on the built artefacts ended $status, not succeeded"
say "a sandbox run on the built artefacts (plain node) ended $status"
# The built api bundles its dashboard (esbuild, at start-up) from the sources its folder ships.
token=${API_TOKEN:-$(cat .run/api-token 2>/dev/null || true)}
node -e '
  const [base, token] = process.argv.slice(1);
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  fetch(`${base}/dashboard/app.js`, { headers }).then(async (r) => {
    const body = await r.text();
    if (!r.ok || body.length < 10000) { console.error(`GET /dashboard/app.js: HTTP ${r.status}, ${body.length} bytes`); process.exit(1); }
    console.error(`the built api serves its dashboard bundle (${Math.round(body.length / 1024)} KiB)`);
  }, (e) => { console.error(e.message); process.exit(1); });
' "http://127.0.0.1:${API_PORT:-3000}" "$token" || die "the built api does not serve its dashboard"
