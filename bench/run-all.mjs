// Runs every benchmark in its own process, one after another, so one bench's
// memory and warm caches never flatter the next. `npm run bench` (after `npm run build`).
// Pass names to run a subset: `node bench/run-all.mjs startup check`.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((name) => name.endsWith(".bench.mjs"))
  .filter((name) => wanted.length === 0 || wanted.some((want) => name.startsWith(want)))
  .sort();
let failed = 0;
for (const name of benches) {
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, [`${dir}${name}`], { stdio: "inherit" });
  if (result.status !== 0) {
    failed++;
    console.log(`${name} exited with ${result.status}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
