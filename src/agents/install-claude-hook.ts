import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../core/index.js";
import { mergeClaudeSettings } from "./claude-hook.js";

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
