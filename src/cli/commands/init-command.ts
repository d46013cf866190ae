import { Command } from "commander";
import { initProject } from "../../config/index.js";
import { findRepoRoot } from "../../git/index.js";
import type { CliContext } from "../cli-context.js";

/** `jig init`: set up jig in the current git repository. Idempotent. */
export function createCommand(context: CliContext): Command {
  return new Command("init")
    .description("Set up jig in this git repo: jig.config.yaml, specs/ and .jig/")
    .option("--force", "overwrite an existing jig.config.yaml")
    .addHelpText("after", "\nExample:\n  cd my-repo && jig init && jig spec new\n")
    .action(async (flags: { force?: boolean }) => {
      const repoRoot = await findRepoRoot(context.cwd);
      const done = await initProject(repoRoot, flags.force ? { force: true } : {});
      for (const line of done) context.stdout.write(`${line}\n`);
      context.stdout.write("Next: write a spec with 'jig spec new', then run 'jig check'.\n");
    });
}
