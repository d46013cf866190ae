/**
 * The process, as commands see it. Only `main.ts` builds one from the real
 * process; everything below it receives this instead of touching globals.
 */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  now: () => Date;
  version: string;
  /** Set by a command's action; read by `main` once the action resolves. */
  exitCode: number;
}

/** Whether to colour output written to `stream`, honouring NO_COLOR and FORCE_COLOR. */
export function useColor(context: CliContext, stream: "stdout" | "stderr" = "stdout"): boolean {
  if (context.env.NO_COLOR) return false;
  if (context.env.FORCE_COLOR && context.env.FORCE_COLOR !== "0") return true;
  return Boolean(context[stream].isTTY);
}
