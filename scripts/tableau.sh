#!/usr/bin/env bash
# `make tableau` / `make tableau-publish`: the tvr-tableau CLI with the project's
# configuration (.env, DATABASE_URL). Arguments go to the CLI: all | build | extract |
# package | check [workbook] | publish.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

[ -x .venv/bin/tvr-tableau ] || SETUP_CHROMIUM=0 scripts/setup.sh
exec .venv/bin/tvr-tableau "${@:-all}"
