import type { Report } from "../contract/index.js";

/** Where the rules came from, in one line: `base 1a2b3c4 (jig.config.yaml, 3 agents, 2 specs)`. */
export function rulesSummary(
  governance: Pick<
    NonNullable<Report["governance"]>,
    "source" | "revision" | "bootstrap" | "files"
  >,
): string {
  if (governance.source === "working-tree") return "the working tree (a unified diff has no base)";
  const where = `base ${(governance.revision ?? "").slice(0, 7)}`;
  if (governance.bootstrap)
    return `${where}: no jig.config.yaml there, defaults (nothing trusted yet)`;
  const counts = new Map<string, number>();
  for (const file of governance.files) {
    if (file.kind !== "config") counts.set(file.kind, (counts.get(file.kind) ?? 0) + 1);
  }
  const parts = ["jig.config.yaml", ...[...counts].map(([kind, count]) => `${kind} ${count}`)];
  return `${where} (${parts.join(", ")}), never the change`;
}
