#!/usr/bin/env bash
# `make test`: set-up, then typecheck, lint and every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

scripts/setup.sh
say "typecheck"; pnpm -s typecheck
say "lint"; pnpm -s lint
say "tests"; pnpm -s test
say "built artefacts: plain node, a sandbox run"; scripts/test-artefacts.sh
say "Python lint (ruff)"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
say "Python types (mypy)"; .venv/bin/mypy deploy/airflow bi/tableau/src && .venv/bin/mypy services/quality
say "Airflow DAG tests on Airflow $(.venv/bin/airflow version 2>/dev/null)"; .venv/bin/python -m pytest deploy/airflow
say "quality worker tests (Great Expectations, dbt)"; .venv/bin/python -m pytest -q services/quality/tests
say "Tableau workbook tests (schema, marts, Hyper extract, publishing)"; .venv/bin/python -m pytest -q bi/tableau/tests
