import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * The folder of jig's own package (where package.json, schema/ and
 * failure-models/ live). Found by walking up from this module, so it is right
 * whether the code runs from `dist/` as compiled by tsc, from the bundled CLI,
 * or from `src/` under the test runner.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
      if (name === "jig") {
        cached = dir;
        return dir;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("jig's package.json was not found above its own code");
    dir = parent;
  }
}

/** A path inside jig's package, e.g. `packagePath("schema", "jig.config.schema.json")`. */
export function packagePath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}
