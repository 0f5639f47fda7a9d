.PHONY: run test up down setup lint typecheck
SHELL := /bin/bash

# One full pipeline run: sets up what is missing, starts the services, runs, prints a summary.
run:
	@scripts/run.sh

# Every check and test, after the same set-up.
test:
	@scripts/test.sh

# The whole stack in the background (the sandbox too when no API keys are set).
up: setup
	@scripts/stack.sh up

down:
	@scripts/stack.sh down

setup:
	@scripts/setup.sh

lint:
	@pnpm -s lint

typecheck:
	@pnpm -s typecheck
