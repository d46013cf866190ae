// Runs tsdown through its API instead of its CLI. The CLI (tsdown 0.21's
// run.mjs) prints "Node.js v20 is deprecated" on every Node below 22.18,
// while jig supports Node >= 20.11 (package.json engines) and tsdown is
// pinned to a version that still builds on it: on a supported setup
// `npm install` / `npm run build` must print no warning. The API reads
// tsdown.config.ts exactly as the CLI does; real warnings still show.
import { build } from "tsdown";

try {
  await build({ logLevel: "warn" });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
