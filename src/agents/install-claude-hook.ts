import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../core/index.js";
import { mergeClaudeSettings } from "./claude-hook.js";

/**
 * Write the PreToolUse hook that runs `jig guard claude-hook --agent AGENT`
 * into the repository's `.claude/settings.json`, keeping every other
 * setting and replacing an older jig hook. Returns the hook command.
 */
export async function installClaudeHook(options: {
  repoRoot: string;
  agent: string;
  /** How the hook invokes jig; by default the repository's own copy when it has one. */
  command?: string | undefined;
}): Promise<string> {
  const path = join(options.repoRoot, ".claude", "settings.json");
  let settings: Record<string, unknown> = {};
  try {
    settings = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new UsageError(
        `.claude/settings.json is not valid JSON (${(error as Error).message}); fix it first`,
      );
    }
  }
  // Not `npx jig`: npx resolution alone takes seconds, on every tool call.
  const local = join(options.repoRoot, "node_modules", ".bin", "jig");
  const jig = options.command ?? (existsSync(local) ? "node_modules/.bin/jig" : "jig");
  const hook = `${jig} guard claude-hook --agent ${options.agent}`;
  await mkdir(join(options.repoRoot, ".claude"), { recursive: true });
  await writeFile(path, `${JSON.stringify(mergeClaudeSettings(settings, hook), null, 2)}\n`);
  return hook;
}
