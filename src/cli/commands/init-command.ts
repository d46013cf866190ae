import { Command } from "commander";
import { initProject, loadConfig } from "../../config/index.js";
import { ValidationError } from "../../core/errors.js";
import { findRepoRoot } from "../../git/index.js";
import { offerRecommendedCodeowners } from "../../governance/index.js";
import type { CliContext } from "../cli-context.js";

/** `jig init`: set up jig in the current git repository. Idempotent. */
export function createCommand(context: CliContext): Command {
  return new Command("init")
    .description(
      "Set up jig in this git repo: jig.config.yaml, specs/, .jig/ and a recommended CODEOWNERS",
    )
    .option("--force", "overwrite an existing jig.config.yaml")
    .addHelpText(
      "after",
      "\nExample:\n  cd my-repo && jig init && jig spec new\n\nWithout a CODEOWNERS file, jig init writes .github/CODEOWNERS owning the governance\npaths (config, agents/, failure-models/, evals/, specs/, .claude/settings.json) with a\nplaceholder owner to replace; with one, it prints the lines it lacks.\n",
    )
    .action(async (flags: { force?: boolean }) => {
      const repoRoot = await findRepoRoot(context.cwd);
      const done = await initProject(repoRoot, flags.force ? { force: true } : {});
      done.push(...(await codeownersStep(repoRoot)));
      for (const line of done) context.stdout.write(`${line}\n`);
      context.stdout.write("Next: write a spec with 'jig spec new', then run 'jig check'.\n");
    });
}

/** The CODEOWNERS lines, from the governance paths the (possibly kept) config names. */
async function codeownersStep(repoRoot: string): Promise<string[]> {
  try {
    const { config } = await loadConfig(repoRoot);
    return await offerRecommendedCodeowners(repoRoot, config);
  } catch (error) {
    // A kept config that does not load is reported by every other command; init still sets up the rest.
    if (error instanceof ValidationError) {
      return ["skipped CODEOWNERS: jig.config.yaml has errors ('jig check' lists them)"];
    }
    throw error;
  }
}
