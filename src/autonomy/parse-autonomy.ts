import type { Problem } from "../core/problem.js";
import { parseYamlAs } from "../core/zod-problems.js";
import { type AutonomyFile, autonomySchema } from "./autonomy-schema.js";

/**
 * Parse and validate `autonomy.yaml` text. Pure. Two entries for the same
 * agent, domain and action would make the mode depend on their order, so
 * they are a problem at the second one's line.
 */
export function parseAutonomy(
  text: string,
  path: string,
): { autonomy?: AutonomyFile; problems: Problem[] } {
  const { value, problems, source } = parseYamlAs(text, path, autonomySchema, {
    prefix: "autonomy",
    notMapping: "autonomy.yaml must be a YAML mapping (classes: [...])",
  });
  if (!value) return { problems };
  const seen = new Map<string, number>();
  const duplicates: Problem[] = [];
  value.classes.forEach((entry, index) => {
    for (const action of entry.actions ?? ["*"]) {
      const key = `${entry.agent}\u0000${entry.domain}\u0000${action}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, index);
        continue;
      }
      const at = source.locate(["classes", index]);
      duplicates.push({
        code: "autonomy/duplicate-class",
        path,
        message: `classes[${index}] repeats agent ${entry.agent}, domain ${entry.domain}, action ${action} from classes[${first}]; keep one entry per class`,
        ...at,
      });
    }
  });
  return duplicates.length > 0 ? { problems: duplicates } : { autonomy: value, problems: [] };
}

/** The defaults, as if autonomy.yaml listed nothing: every class supervised. */
export function emptyAutonomy(): AutonomyFile {
  return autonomySchema.parse({});
}
