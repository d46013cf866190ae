// Node built-ins only: the guard's hot path runs git with this environment too.

/**
 * The environment git runs in: the caller's, plus
 * - `LC_ALL=C` so error messages are English and can be recognised;
 * - `GIT_OPTIONAL_LOCKS=0` so `git diff` never refreshes and rewrites the index
 *   under the user's feet (jig runs beside editors and other git commands);
 * - `GIT_TERMINAL_PROMPT=0` so a misconfigured remote never waits on a prompt.
 * This adapter is the process boundary, so it is the place allowed to read `process.env`.
 */
export function gitEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LC_ALL: "C",
    LANGUAGE: "C",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
  };
}
