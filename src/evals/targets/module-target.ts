import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Target, type TargetCall, TargetError, type TargetOutput } from "./target.js";

export interface ModuleTargetOptions {
  /** `path#exportName`, path relative to `root`. */
  specifier: string;
  root: string;
  clock?: () => number;
}

/**
 * Imports a JS module once and calls one export per scenario with
 * `(vars, { input })`. A string result is the output text; anything else is
 * kept as a value (for json-path) and shown as JSON. A throw or a timeout is
 * an error of that scenario; the run goes on.
 */
export function createModuleTarget(options: ModuleTargetOptions): Target {
  const clock = options.clock ?? (() => performance.now());
  const hash = options.specifier.lastIndexOf("#");
  const path = resolve(options.root, options.specifier.slice(0, hash));
  const exportName = options.specifier.slice(hash + 1);
  let loaded: Promise<(vars: unknown, extra: { input: string }) => unknown> | undefined;
  const load = () => {
    loaded ??= import(pathToFileURL(path).href).then(
      (module: Record<string, unknown>) => {
        const fn = module[exportName];
        if (typeof fn !== "function") {
          throw new TargetError(`${options.specifier}: export "${exportName}" is not a function`);
        }
        return fn as (vars: unknown, extra: { input: string }) => unknown;
      },
      (error: unknown) => {
        throw new TargetError(`could not load ${options.specifier}: ${(error as Error).message}`, {
          cause: error,
        });
      },
    );
    return loaded;
  };
  return {
    kind: "module",
    async call(call: TargetCall): Promise<TargetOutput> {
      const fn = await load();
      const started = clock();
      let timer: NodeJS.Timeout | undefined;
      try {
        const value = await Promise.race([
          Promise.resolve().then(() => fn({ ...call.scenario.vars }, { input: call.input })),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () =>
                reject(
                  new TargetError(`timed out after ${call.timeoutMs} ms`, { transient: true }),
                ),
              call.timeoutMs,
            );
          }),
        ]);
        const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
        return { text, value, latencyMs: clock() - started };
      } catch (error) {
        if (error instanceof TargetError) throw error;
        throw new TargetError(`threw: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
          ...(error instanceof Error && error.stack
            ? { stderrTail: error.stack.split("\n").slice(0, 4).join("\n") }
            : {}),
        });
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {},
  };
}
