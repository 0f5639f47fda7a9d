.PHONY: run test up down setup lint typecheck tableau tableau-publish
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

# The Tableau workbooks from the marts: bi/tableau/dist/tv_ratings.twb (live PostgreSQL)
# and tv_ratings.twbx (packaged with a Hyper extract).
tableau:
	@scripts/tableau.sh all

# Publish both to Tableau Server/Cloud (TABLEAU_SERVER_URL, TABLEAU_SITE, TABLEAU_PROJECT,
# TABLEAU_TOKEN_NAME, TABLEAU_TOKEN_SECRET).
tableau-publish:
	@scripts/tableau.sh publish
