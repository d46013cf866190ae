import { readFile, readlink } from "node:fs/promises";
import { join, relative } from "node:path";
import { ExitCode, JigError, ValidationError } from "../core/errors.js";
import { fileSystemErrorMessage } from "../core/file-system-error-message.js";
import { defaultConfig, type JigConfig } from "./config-schema.js";
import { parseConfig } from "./parse-config.js";

export const CONFIG_FILE = "jig.config.yaml";

/**
 * Read `jig.config.yaml` from the repo root. A missing file means defaults;
 * an invalid one is a ValidationError listing every problem (exit 2).
 */
export async function loadConfig(
  repoRoot: string,
  options: { cwd?: string } = {},
): Promise<{ config: JigConfig; path?: string }> {
  const absolute = join(repoRoot, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      // A link to nowhere is a mistake to fix, not a project without config.
      const target = await readlink(absolute).catch(() => undefined);
      if (target === undefined) return { config: defaultConfig() };
      throw new JigError(
        "config/dangling-symlink",
        `${relative(options.cwd ?? repoRoot, absolute) || CONFIG_FILE} is a symbolic link to ${target}, which does not exist; point it at a config file or remove it`,
        { cause: error, exitCode: ExitCode.usage },
      );
    }
    // readFile leaves the path off EISDIR; without it the message cannot name the file.
    (error as NodeJS.ErrnoException).path ??= absolute;
    throw new JigError(
      "config/unreadable",
      fileSystemErrorMessage(error, options.cwd ?? repoRoot) ??
        `cannot read ${absolute}: ${(error as Error).message}`,
      {
        cause: error,
        exitCode: ExitCode.usage,
      },
    );
  }
  const shown = relative(options.cwd ?? repoRoot, absolute) || CONFIG_FILE;
  const { config, problems } = parseConfig(text, shown);
  if (!config) throw new ValidationError(problems);
  return { config, path: absolute };
}
