#!/usr/bin/env bash
# `make run`: one full pipeline run, start to finish, on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

scripts/setup.sh
if scripts/stack.sh status >/dev/null 2>&1; then
  say "using the stack that is already up"
else
  # Nothing (or only part of the stack) runs: start what is missing, stop it all afterwards.
  trap 'scripts/stack.sh down' EXIT
  scripts/stack.sh up
fi
have_live_keys && export PIPELINE_MODE=live || export PIPELINE_MODE=sandbox
pnpm -s etl run --wait ${MAX_PAGES:+--max-pages "$MAX_PAGES"}
if [ "$PIPELINE_MODE" = sandbox ]; then
  say "checking the run against the sandbox's ground truth"
  pnpm -s verify:sandbox-run
fi
if [ "${TABLEAU_EXTRACT_AFTER_RUN:-0}" = 1 ]; then
  say "refreshing the Tableau workbooks (TABLEAU_EXTRACT_AFTER_RUN=1)"
  scripts/tableau.sh all
fi
