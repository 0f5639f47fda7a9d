#!/usr/bin/env bash
# `make test`: set-up, then typecheck, lint and every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

scripts/setup.sh
say "typecheck"; pnpm -s typecheck
say "lint"; pnpm -s lint
say "tests"; pnpm -s test
command -v python3 >/dev/null || die "python3 is needed for the Airflow DAG and API client tests"
say "Airflow DAG and API client tests"; python3 -m unittest discover -s deploy/airflow/tests -t deploy/airflow/tests
if [ -x .venv/bin/python ]; then
  say "quality worker tests (Great Expectations, dbt)"; .venv/bin/python -m pytest -q services/quality/tests
else
  die "the Python environment (.venv, uv sync) is missing: the quality worker tests need it"
fi
