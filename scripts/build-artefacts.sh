#!/usr/bin/env bash
# Builds every service to JavaScript and puts each in a deployable folder with
# only its production dependencies, at its repository path under OUT (default
# .build/): OUT/services/<name>/{dist,node_modules,package.json}. Migrations go
# to OUT/db/migrations, where the built CLI finds them. Run each with plain
# node: `node .build/services/loader/dist/main.js`. The Dockerfiles do the same.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

OUT=${1:-.build}
PACKAGES=(services/ingestor services/omdb-enricher services/scraper services/loader services/api tools/cli tools/sandbox)

rm -rf "$OUT" && mkdir -p "$OUT"
for dir in "${PACKAGES[@]}"; do
  name=$(node -p "require('./$dir/package.json').name")
  say "building $name"
  pnpm --filter "$name" run build >/dev/null
  pnpm --filter "$name" deploy --legacy --prod --config.node-linker=hoisted "$OUT/$dir" >/dev/null
done
cp -r db "$OUT/db"
say "artefacts in $OUT: $(du -sh "$OUT" | cut -f1)"
