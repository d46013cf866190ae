import type { EvalEvent } from "./run-evals.js";

export interface ProgressOptions {
  write(text: string): unknown;
  isTTY: boolean;
  clock?: () => number;
  /** Plain-line period when not on a TTY, ms. */
  intervalMs?: number;
}

/**
 * Live progress for `jig eval run` on stderr: a redrawn bar on a TTY, a
 * plain line every few seconds otherwise (CI logs). Redraws are throttled
 * so a fast run spends its CPU on scenarios, not on the terminal.
 */
export function createEvalProgress(options: ProgressOptions): {
  onEvent(event: EvalEvent): void;
  finish(): void;
} {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const tty = options.isTTY;
  const interval = tty ? 80 : (options.intervalMs ?? 5_000);
  let last = started;
  let total = 0;
  let done = 0;
  let failed = 0;
  let errors = 0;
  let drawn = false;
  const line = (): string => {
    const seconds = ((clock() - started) / 1000).toFixed(1);
    const counts = `${done}/${total}  ✗ ${failed}  ! ${errors}  ${seconds}s`;
    if (!tty)
      return `jig eval: ${done}/${total} runs done, ${failed} failed, ${errors} errors, ${seconds}s`;
    const width = 28;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${counts}`;
  };
  const draw = (): void => {
    if (tty) options.write(`\r\x1b[2K${line()}`);
    else options.write(`${line()}\n`);
    drawn = true;
  };
  return {
    onEvent(event) {
      if (event.type === "run-start") {
        total = event.total;
        done = event.skipped;
        if (event.skipped > 0)
          options.write(
            `jig eval: resuming, ${event.skipped} of ${event.total} runs already stored\n`,
          );
        return;
      }
      done = event.done;
      if (event.result.status === "fail") failed++;
      else if (event.result.status === "error") errors++;
      const now = clock();
      if (now - last >= interval) {
        last = now;
        draw();
      }
    },
    finish() {
      if (tty && drawn) options.write("\r\x1b[2K");
    },
  };
}
