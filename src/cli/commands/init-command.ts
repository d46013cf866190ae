import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { Command } from "commander";
import { CONFIG_FILE, renderConfigTemplate } from "../../config/index.js";
import { packagePath } from "../../core/index.js";
import { findRepoRoot } from "../../git/index.js";
import type { CliContext } from "../cli-context.js";

const SCHEMA_IN_PACKAGE = "schema/jig.config.schema.json";

/** `jig init`: set up jig in the current git repository. Idempotent. */
export function createCommand(context: CliContext): Command {
  return new Command("init")
    .description("Set up jig in this git repo: jig.config.yaml, specs/ and .jig/")
    .option("--force", "overwrite an existing jig.config.yaml")
    .addHelpText("after", "\nExample:\n  cd my-repo && jig init && jig spec new\n")
    .action(async (flags: { force?: boolean }) => {
      const repoRoot = await findRepoRoot(context.cwd);
      const done: string[] = [];
      const configPath = join(repoRoot, CONFIG_FILE);
      if (existsSync(configPath) && !flags.force) {
        done.push(`kept ${CONFIG_FILE} (exists; --force overwrites it)`);
      } else {
        await writeFile(configPath, renderConfigTemplate(schemaReference(repoRoot)));
        done.push(`wrote ${CONFIG_FILE}`);
      }
      const specsDir = join(repoRoot, "specs");
      if (!existsSync(specsDir)) {
        await mkdir(specsDir, { recursive: true });
        await writeFile(join(specsDir, ".gitkeep"), "");
        done.push("created specs/");
      }
      await mkdir(join(repoRoot, ".jig"), { recursive: true });
      if (await ensureIgnored(repoRoot, ".jig/")) done.push("added .jig/ to .gitignore");
      for (const line of done) context.stdout.write(`${line}\n`);
      context.stdout.write("Next: write a spec with 'jig spec new', then run 'jig check'.\n");
    });
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
