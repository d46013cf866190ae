import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { packagePath } from "../core/index.js";
import { detectTestCommand } from "./detect-test-command.js";
import { CONFIG_FILE } from "./load-config.js";
import { renderConfigTemplate } from "./render-config-template.js";

const SCHEMA_IN_PACKAGE = "schema/jig.config.schema.json";

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
    await writeFile(configPath, renderConfigTemplate(schemaReference(repoRoot), tests));
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
  if (await ensureIgnored(repoRoot, ".jig/")) done.push("added .jig/ to .gitignore");
  return done;
}

/** Prefer the repo's own installed copy so the reference survives other machines. */
function schemaReference(repoRoot: string): string {
  const local = join(repoRoot, "node_modules", "jig", SCHEMA_IN_PACKAGE);
  if (existsSync(local)) return `./${relative(repoRoot, local)}`;
  return packagePath(SCHEMA_IN_PACKAGE);
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
