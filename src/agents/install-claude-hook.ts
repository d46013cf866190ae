import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../core/index.js";
import { mergeClaudeSettings, removeClaudeHooks } from "./claude-hook.js";

/**
 * Write the PreToolUse hook that runs `jig guard claude-hook --agent AGENT
 * --root "$CLAUDE_PROJECT_DIR"` (and the PostToolUse one, the same with
 * `--post`) into the repository's `.claude/settings.json`,
 * keeping every other setting and replacing an older jig hook. Returns the
 * hook command.
 *
 * Claude Code runs hook commands through a shell, in the session's current
 * folder, with CLAUDE_PROJECT_DIR set to the project: anchoring both the
 * repository (`--root`) and the local jig on it keeps an agent that `cd`s
 * into a folder it wrote (with its own `.git`, policy or
 * `node_modules/.bin/jig`) from choosing either.
 */
export async function installClaudeHook(options: {
  repoRoot: string;
  agent: string;
  /** How the hook invokes jig; by default the repository's own copy when it has one. */
  command?: string | undefined;
}): Promise<string> {
  const path = join(options.repoRoot, ".claude", "settings.json");
  const settings = (await readClaudeSettings(path)) ?? {};
  // Not `npx jig`: npx resolution alone takes seconds, on every tool call.
  const local = join(options.repoRoot, "node_modules", ".bin", "jig");
  // `:-.` keeps the hook working where Claude Code leaves the variable unset
  // (seen in some versions): a hook that cannot start does not block the call.
  const jig =
    options.command ??
    (existsSync(local) ? `"\${CLAUDE_PROJECT_DIR:-.}"/node_modules/.bin/jig` : "jig");
  const hook = `${jig} guard claude-hook --agent ${options.agent} --root "$CLAUDE_PROJECT_DIR"`;
  // PostToolUse tells jig a person allowed a call it asked about (autonomy evidence).
  const post = `${hook} --post`;
  await mkdir(join(options.repoRoot, ".claude"), { recursive: true });
  await writeFile(path, `${JSON.stringify(mergeClaudeSettings(settings, hook, post), null, 2)}\n`);
  return hook;
}

/** `.claude/settings.json` as an object; undefined when the file does not exist. */
async function readClaudeSettings(path: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(
      `.claude/settings.json cannot be read (${(error as Error).message}); fix it first`,
    );
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(
      `.claude/settings.json is not valid JSON (${(error as Error).message}); fix it first`,
    );
  }
  throw new UsageError(".claude/settings.json is not a JSON object; fix it first");
}

/**
 * Remove what {@link installClaudeHook} wrote: jig's PreToolUse and
 * PostToolUse hooks, nothing else. Returns the removed hooks (`Event:
 * command`); empty when none was installed, and then the file is left untouched.
 */
export async function uninstallClaudeHook(options: { repoRoot: string }): Promise<string[]> {
  const path = join(options.repoRoot, ".claude", "settings.json");
  const settings = await readClaudeSettings(path);
  if (!settings) return [];
  const result = removeClaudeHooks(settings);
  if (result.removed.length > 0)
    await writeFile(path, `${JSON.stringify(result.settings, null, 2)}\n`);
  return result.removed;
}
