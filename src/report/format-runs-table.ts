import pc from "picocolors";

/** A recorded run as the table shows it: the run store's `RunSummary` fits. */
export interface RunRow {
  id: string;
  status: string;
  startedAt: string;
  /** Full commit shas. */
  base: string;
  head: string;
  outcome?: string | undefined;
  findings: number;
  durationMs?: number | undefined;
}

/**
 * The `jig runs list` table. Pure, so its layout is tested without a store.
 * Shas are cut to 7 characters; run ids stay whole because they are what
 * `jig runs show` takes.
 */
export function formatRunsTable(runs: readonly RunRow[], color: boolean): string {
  const colors = pc.createColors(color);
  const header = ["ID", "STATUS", "OUTCOME", "RANGE", "FINDINGS", "DURATION", "STARTED"];
  const rows = runs.map((run) => [
    run.id,
    run.status,
    run.outcome ?? "-",
    `${run.base.slice(0, 7)}..${run.head.slice(0, 7)}`,
    String(run.findings),
    run.durationMs === undefined ? "-" : formatDuration(run.durationMs),
    run.startedAt.replace("T", " ").replace(/\.\d+Z$/, "Z"),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const paint = (cell: string, column: number): string => {
    if (column === 1 && cell === "interrupted") return colors.yellow(cell);
    if (column === 1 && cell === "running") return colors.cyan(cell);
    if (column === 2 && cell === "pass") return colors.green(cell);
    if (column === 2 && cell === "fail") return colors.red(cell);
    if (column === 2 && cell === "needs-human") return colors.yellow(cell);
    return cell;
  };
  const line = (cells: string[], style: (cell: string, column: number) => string): string =>
    cells
      .map((cell, column) => {
        const padding = " ".repeat((widths[column] ?? 0) - cell.length);
        // Numbers align right, text left; padding stays outside the colour codes.
        return column === 4 || column === 5
          ? padding + style(cell, column)
          : style(cell, column) + padding;
      })
      .join("  ")
      .trimEnd();
  return `${[line(header, (cell) => colors.bold(cell)), ...rows.map((row) => line(row, paint))].join("\n")}\n`;
}

/** `850 ms`, `12.3 s`, `2 min 5 s`: readable at a glance in a table. */
export function formatDuration(durationMs: number): string {
  if (durationMs < 1000) return `${Math.round(durationMs)} ms`;
  if (durationMs < 60_000) return `${(durationMs / 1000).toFixed(1)} s`;
  const seconds = Math.round(durationMs / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
