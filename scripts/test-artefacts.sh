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
