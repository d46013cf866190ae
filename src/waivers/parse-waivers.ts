import type { Problem } from "../core/problem.js";
import { parseYamlAs } from "../core/zod-problems.js";
import { type Waiver, waiversFileSchema } from "./waiver-schema.js";

/** The waivers of one file, with the line each entry starts on. */
export interface WaiverEntry extends Waiver {
  line: number;
}

/**
 * Parse and validate `jig.waivers.yaml` text. Pure: every problem comes back
 * with its line and column. An empty file waives nothing. Two entries for the
 * same fingerprint are a problem: which one applies would be a guess.
 */
export function parseWaivers(
  text: string,
  path: string,
): { waivers?: WaiverEntry[]; problems: Problem[] } {
  const { value, problems, source } = parseYamlAs(text, path, waiversFileSchema, {
    prefix: "waivers",
    notMapping: "the waivers file must be a YAML mapping with a `waivers:` list",
  });
  if (!value) return { problems };
  const waivers = value.waivers.map(
    (waiver, index): WaiverEntry => ({
      ...waiver,
      line: source?.locate(["waivers", index]).line ?? 1,
    }),
  );
  const seen = new Map<string, number>();
  const duplicates: Problem[] = [];
  for (const waiver of waivers) {
    const first = seen.get(waiver.fingerprint);
    if (first === undefined) {
      seen.set(waiver.fingerprint, waiver.line);
      continue;
    }
    duplicates.push({
      code: "waivers/duplicate",
      path,
      message: `fingerprint ${waiver.fingerprint} is already waived on line ${first}`,
      line: waiver.line,
      column: 1,
    });
  }
  return duplicates.length > 0 ? { problems: duplicates } : { waivers, problems: [] };
}
