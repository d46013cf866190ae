/**
 * A validation problem in a user's file. Validators return these as data,
 * all at once, instead of throwing at the first one.
 */
export interface Problem {
  /** Stable code, e.g. `JIG-S003` or `config/unknown-key`. */
  code: string;
  /** File path as the user would type it (relative to cwd when possible). */
  path: string;
  message: string;
  line?: number;
  column?: number;
  severity?: "error" | "warning";
}

/** `file:line:col: message [code]` — the one-line form every command prints. */
export function formatProblem(problem: Problem): string {
  let where = problem.path;
  if (problem.line !== undefined) {
    where += `:${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  return `${where}: ${problem.message} [${problem.code}]`;
}
