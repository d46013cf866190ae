// Runs every benchmark and prints its figures. `npm run bench` (after `npm run build`).
import { benchCheck } from "./check.bench.mjs";
import { benchStartup } from "./startup.bench.mjs";

console.log("== startup");
console.table(benchStartup());
console.log("== jig check (deterministic layers)");
const check = benchCheck();
console.log(`node -e 0: ${check.nodeStartMs} ms (median)`);
console.table(check.rows);
