import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error: a plain .mjs script shared with scripts/test.sh, without types.
import { ensureBuild } from "../../scripts/build-stamp.mjs";

/**
 * The e2e tests spawn bin/jig.js, which loads dist/. Build it once, before any
 * file runs, if it is stale (`npm test` has usually built already; then this
 * only hashes the sources). A stale binary would test yesterday's code.
 *
 * Every jig the tests spawn writes audit anchors under `$XDG_CONFIG_HOME`:
 * point it at a scratch folder, so tests never touch the user's config dir.
 */
export default function setup(): () => void {
  ensureBuild();
  const configHome = mkdtempSync(join(tmpdir(), "jig-e2e-config-"));
  process.env.XDG_CONFIG_HOME = configHome;
  return () => rmSync(configHome, { recursive: true, force: true });
}
