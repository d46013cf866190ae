import { tryGit } from "./run-git.js";

/**
 * The person git would name in `cwd`'s repository, as `Name <email>`, from
 * `user.name` and `user.email` (repository, global and system config), or
 * undefined when either is unset. jig records it as who approved a spec, so
 * it reads only what the user configured: no guess from the host name.
 *
 * @example
 * await readGitIdentity(repoDir); // "Dana Demo <dana@example.com>"
 */
export async function readGitIdentity(cwd: string): Promise<string | undefined> {
  // One process for both keys; exit 1 means neither is set.
  const output = await tryGit(["config", "--get-regexp", "^user\\.(name|email)$"], cwd);
  const values = new Map<string, string>();
  for (const line of (output ?? "").split("\n")) {
    const match = /^user\.(name|email) (.*)$/.exec(line);
    // Later lines win, as they do for `git config user.name`.
    if (match?.[1] && match[2]?.trim()) values.set(match[1], match[2].trim());
  }
  const name = values.get("name");
  const email = values.get("email");
  return name && email ? `${name} <${email}>` : undefined;
}
