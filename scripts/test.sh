#!/usr/bin/env bash
# The whole test suite: build, lint, type-check, then unit and end-to-end tests.
# `.ci/run` runs exactly `npm ci && npm test`, which lands here.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
npx biome check src test bench scripts bin
npx tsc -p tsconfig.json --noEmit
# The sandbox tests need bubblewrap; CI machines start without it.
command -v bwrap >/dev/null || (apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null)
npx vitest run "$@"
