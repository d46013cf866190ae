import { spawn } from "node:child_process";

/**
 * Run the coding agent's shell command with the prompt on stdin. Resolves to
 * its exit code (127 when it cannot start); never rejects, because a failing
 * coder is something the loop counts, not an error.
 */
export function runCoder(
  command: string,
  prompt: string,
  options: {
    cwd: string;
    env: Readonly<Record<string, string | undefined>>;
    /** The coder's stdout and stderr, as they arrive. */
    onOutput: (text: string) => void;
  },
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => options.onOutput(chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => options.onOutput(chunk.toString("utf8")));
    child.stdin.on("error", () => {
      // A coder that ignores stdin closes it early; that is fine.
    });
    child.on("error", () => resolve(127));
    child.on("close", (code) => resolve(code ?? 1));
    child.stdin.end(prompt);
  });
}
