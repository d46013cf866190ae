/** Where HOME points inside the sandbox: a folder on its fresh /tmp tmpfs, gone when the run ends. */
export const SANDBOX_HOME = "/tmp/home";

/** Variables passed whenever jig's own environment has them. */
const BASE_NAMES = ["PATH", "LANG", "LC_ALL", "TERM"] as const;

/**
 * The environment the sandboxed command gets: PATH, LANG, LC_ALL and TERM
 * when set, HOME on a scratch folder, and the names the manifest lists in
 * `permissions.env`. Nothing else (API keys, tokens, SSH_AUTH_SOCK) crosses.
 *
 * @example
 * sandboxEnvironment({ PATH: "/bin", GITHUB_TOKEN: "x" }, []) // { PATH: "/bin", HOME: "/tmp/home" }
 */
export function sandboxEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...BASE_NAMES, ...names]) {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (value !== undefined) out[name] = value;
  }
  out.HOME = SANDBOX_HOME;
  return out;
}
