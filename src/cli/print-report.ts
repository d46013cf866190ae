import type { Report } from "../contract/index.js";
import { getReporter } from "../report/index.js";
import { type CliContext, useColor } from "./cli-context.js";
import { writeOutputFile } from "./write-output.js";

/**
 * Show a gate report the way every gate command does: in the chosen format
 * on stdout, or, with `--output`, written atomically to the file while a text
 * summary still goes to stdout so CI logs stay readable.
 */
export async function printReport(
  context: CliContext,
  report: Report,
  flags: { format: string; output?: string | undefined },
  title = "jig check",
): Promise<void> {
  const reporter = getReporter(flags.format);
  if (flags.output) {
    const written = await writeOutputFile(
      context.cwd,
      flags.output,
      reporter.render(report, { color: false, title }),
    );
    context.stdout.write(getReporter("text").render(report, { color: useColor(context), title }));
    context.stdout.write(`${flags.format} report written to ${written}\n`);
  } else {
    const color = flags.format === "text" && useColor(context);
    context.stdout.write(reporter.render(report, { color, title }));
  }
}
