import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ignoreStateDir } from "../core/index.js";
import { detectTestCommand } from "./detect-test-command.js";
import { CONFIG_FILE } from "./load-config.js";
import { renderConfigTemplate } from "./render-config-template.js";

const SCHEMA_IN_PACKAGE = "schema/jig.config.schema.json";
/** The npm package name: what `npm install --save-dev` puts under node_modules/. */
const PACKAGE_NAME = "jig";

/**
 * `jig init`: set up jig in a repository: the commented config, `specs/`,
 * `.jig/` and its line in `.gitignore`. Idempotent; an existing config is
 * kept unless `force`. Returns what was done, one line each.
 */
export async function initProject(
  repoRoot: string,
  options: { force?: boolean } = {},
): Promise<string[]> {
  const done: string[] = [];
  const configPath = join(repoRoot, CONFIG_FILE);
  if (existsSync(configPath) && !options.force) {
    done.push(`kept ${CONFIG_FILE} (exists; --force overwrites it)`);
  } else {
    const tests = await detectTestCommand(repoRoot);
    await writeFile(configPath, renderConfigTemplate(schemaReference(), tests));
    done.push(
      `wrote ${CONFIG_FILE}${tests ? ` (tests: ${tests.found}${tests.commented ? ", commented out until its JUnit reporter is installed" : ""})` : ""}`,
    );
  }
  const specsDir = join(repoRoot, "specs");
  if (!existsSync(specsDir)) {
    await mkdir(specsDir, { recursive: true });
    await writeFile(join(specsDir, ".gitkeep"), "");
    done.push("created specs/");
  }
  await mkdir(join(repoRoot, ".jig"), { recursive: true });
  ignoreStateDir(join(repoRoot, ".jig"));
  if (await ensureIgnored(repoRoot, ".jig/")) done.push("added .jig/ to .gitignore");
  return done;
}

/**
 * The schema as the committed config should name it: relative to the config
 * (at the repository root) and into the installed package, so it resolves on
 * every clone that ran `npm install`. An absolute path into wherever this
 * jig happens to run from (a linked clone, a global install) would only work
 * on this machine.
 */
function schemaReference(): string {
  return `./node_modules/${PACKAGE_NAME}/${SCHEMA_IN_PACKAGE}`;
}

async function ensureIgnored(repoRoot: string, entry: string): Promise<boolean> {
  const path = join(repoRoot, ".gitignore");
  const current = existsSync(path) ? await readFile(path, "utf8") : "";
  const lines = current.split(/\r?\n/).map((line) => line.trim());
  if (lines.includes(entry) || lines.includes(entry.replace(/\/$/, ""))) return false;
  const separator = current.length > 0 && !current.endsWith("\n") ? "\n" : "";
  await appendFile(path, `${separator}${entry}\n`);
  return true;
}
