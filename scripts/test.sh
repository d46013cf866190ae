#!/usr/bin/env bash
# The whole test suite: build if needed, lint, type-check, then unit and end-to-end tests.
# `.ci/run` runs exactly `npm ci && npm test`, which lands here.
set -euo pipefail
cd "$(dirname "$0")/.."

# `npm ci` has just built in `prepare`; build again only if a source changed
# since (scripts/build-stamp.mjs compares a hash of the sources with dist/).
node scripts/build-stamp.mjs ensure

# The sandbox tests need bubblewrap; CI machines start without it.
command -v bwrap >/dev/null || (apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null)
# The tests layer's end-to-end tests run a pytest project; Debian packages pytest.
python3 -m pytest --version >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq python3-pytest >/dev/null)
# The Postgres store tests start their own server with initdb and pg_ctl (Debian's postgresql).
command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null)
# The dashboard's browser tests drive Debian's chromium through playwright-core.
command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

work="$(mktemp -d -t jig-test-XXXXXX)"
trap 'rm -rf "$work"' EXIT

# Lint and type-check alongside the tests: the tests spend much of their time
# waiting on child processes, and these fill that time. Their output is held
# back and printed after the tests, so it never interleaves with vitest's.
npx biome check src test bench scripts bin >"$work/biome.log" 2>&1 &
biome_pid=$!
npx tsc -p tsconfig.test.json >"$work/tsc.log" 2>&1 &
tsc_pid=$!
# Import boundaries of src/ and test/ (.dependency-cruiser.cjs, docs/architecture.md).
npm run deps --silent >"$work/deps.log" 2>&1 &
deps_pid=$!

status=0
npx vitest run --reporter=default --reporter=json --outputFile="$work/results.json" "$@" || status=$?

report() { # name pid log
  local code=0
  wait "$2" || code=$?
  if [ "$code" -eq 0 ]; then
    echo "$1: ok"
  else
    echo "$1: failed (exit $code)"
    cat "$3"
    status=1
  fi
}
echo
report "npx biome check src test bench scripts bin" "$biome_pid" "$work/biome.log"
report "npx tsc -p tsconfig.test.json" "$tsc_pid" "$work/tsc.log"
report "npm run deps" "$deps_pid" "$work/deps.log"

# One plain closing line, so any CI can read the counts.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$work/results.json" || true
exit "$status"
