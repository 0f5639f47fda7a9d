#!/usr/bin/env bash
# `make test`: set-up, then typecheck, lint and every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

scripts/setup.sh
say "typecheck"; pnpm -s typecheck
say "lint"; pnpm -s lint
say "tests"; pnpm -s test
