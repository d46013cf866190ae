import type { CatalogEntry } from "./failure-model.js";

/** One catalog entry in full, as `jig failures show` prints it. */
export function formatCatalogEntry(entry: CatalogEntry): string {
  const lines = [
    `${entry.id}  ${entry.title}`,
    `severity: ${entry.severity}   domain: ${entry.domain}   origin: ${entry.origin} (${entry.file}:${entry.line})`,
  ];
  if (entry.appliesTo) lines.push(`applies to: ${entry.appliesTo.join(", ")}`);
  lines.push(
    "",
    `trigger: ${entry.trigger}`,
    "symptoms:",
    ...entry.symptoms.map((symptom) => `  - ${symptom}`),
  );
  lines.push(`fix: ${entry.fix}`, `source: ${entry.source}`);
  if (entry.tags) lines.push(`tags: ${entry.tags.join(", ")}`);
  if (entry.detect) {
    lines.push("detect:");
    for (const [key, value] of Object.entries(entry.detect)) {
      lines.push(`  ${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
    }
  } else {
    lines.push("detect: (none; prose only, given to the AI reviewer)");
  }
  lines.push(`examples: ${entry.examples.bad.length} bad, ${entry.examples.good.length} good`);
  return `${lines.join("\n")}\n`;
}
