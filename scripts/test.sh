#!/usr/bin/env bash
# The whole test suite: build, lint, type-check, then unit and end-to-end tests.
# `.ci/run` runs exactly `npm ci && npm test`, which lands here.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
npx biome check src test bench scripts bin
npx tsc -p tsconfig.json --noEmit
npm run deps --silent # import boundaries of src/: .dependency-cruiser.cjs, docs/architecture.md
# The sandbox tests need bubblewrap; CI machines start without it.
command -v bwrap >/dev/null || (apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null)
results="$(mktemp -t jig-vitest-XXXXXX.json)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile="$results" "$@" || status=$?
# One plain closing line, so any CI can read the counts.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$results" || true
rm -f "$results"
exit "$status"
