/**
 * A tiny, safe JSONPath subset for the `json-path` assertion: `$`, `.key`,
 * `['key']` / `["key"]`, `[index]` (negative counts from the end). No
 * filters, wildcards or script: a path selects at most one value, so an
 * assertion means exactly one thing and evaluation cannot run code.
 */
export type JsonPathSegment = string | number;

export type ParsedJsonPath =
  | { ok: true; segments: JsonPathSegment[] }
  | { ok: false; error: string };

const SEGMENT =
  /^(?:\.([A-Za-z_$][\w$-]*)|\[(-?\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\])/;

/** Parse `$.a.b[0]` into segments, or say where it stops making sense. */
export function parseJsonPath(path: string): ParsedJsonPath {
  if (!path.startsWith("$")) return { ok: false, error: `must start with '$', got "${path}"` };
  const segments: JsonPathSegment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    if (!match) {
      return {
        ok: false,
        error: `unsupported JSONPath at "${rest}" (supported: $, .key, ['key'], [index])`,
      };
    }
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push((match[3] ?? match[4] ?? "").replace(/\\(.)/g, "$1"));
    rest = rest.slice(match[0].length);
  }
  return { ok: true, segments };
}

/** The value at `segments`, or `found: false` when any step is missing. */
export function selectJsonPath(
  value: unknown,
  segments: readonly JsonPathSegment[],
): { found: boolean; value: unknown } {
  let current = value;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return { found: false, value: undefined };
      const index = segment < 0 ? current.length + segment : segment;
      if (index < 0 || index >= current.length) return { found: false, value: undefined };
      current = current[index];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current)) {
        return { found: false, value: undefined };
      }
      if (!Object.hasOwn(current, segment)) return { found: false, value: undefined };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}
