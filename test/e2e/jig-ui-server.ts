import { type ChildProcess, spawn } from "node:child_process";
import { JIG_BIN } from "./run-jig.js";

/** A running `jig ui`, spawned from the built binary as a user would run it. */
export interface JigUiServer {
  /** The URL from the serving line, ending in `/`. */
  url: string;
  /** The serving line as printed. */
  line: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then wait for the exit; resolves to the exit code. */
  stop(): Promise<number | null>;
}

const SERVING = /^jig ui: serving (http:\/\/\S+\/) \(store: .*\)$/m;

/**
 * Spawn `jig ui <args>` in `cwd` and wait for its one serving line
 * (`jig ui: serving http://HOST:PORT/ (store: …)`). Rejects with the stderr
 * if the process exits first or says nothing within `timeoutMs`.
 */
export function startJigUi(
  cwd: string,
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<JigUiServer> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", ...options.env };
  delete env.JIG_DEBUG;
  delete env.JIG_UI_TOKEN;
  const child = spawn(process.execPath, [JIG_BIN, "ui", ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        new Error(
          `jig ui printed no serving line in ${options.timeoutMs ?? 20_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    }, options.timeoutMs ?? 20_000);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const match = SERVING.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1] as string, line: match[0], child, stderr: () => stderr, stop });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`jig ui exited (${code}) before serving\nstdout: ${stdout}\nstderr: ${stderr}`),
      );
    });
  });
}
