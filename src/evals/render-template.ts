const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/**
 * Replace `{{name}}` with `values[name]`. Non-string values are inserted as
 * JSON, so `{{order}}` of an object gives its JSON text. Unknown names give
 * an empty string; `parseSuite` reports them before anything runs.
 */
export function renderTemplate(
  template: string,
  values: Readonly<Record<string, unknown>>,
): string {
  if (!template.includes("{{")) return template;
  return template.replace(PLACEHOLDER, (_, name: string) => stringifyValue(values[name]));
}

/** Names a template refers to, in order of first use. */
export function templateNames(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ""))];
}

/** Text form of a scenario value: strings as-is, everything else as JSON. */
export function stringifyValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
