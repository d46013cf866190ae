// @ts-expect-error: a plain .mjs script shared with scripts/test.sh, without types.
import { ensureBuild } from "../../scripts/build-stamp.mjs";

/**
 * The e2e tests spawn bin/jig.js, which loads dist/. Build it once, before any
 * file runs, if it is stale (`npm test` has usually built already; then this
 * only hashes the sources). A stale binary would test yesterday's code.
 */
export default function setup(): void {
  ensureBuild();
}
