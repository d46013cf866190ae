import { parse as parseYaml } from "yaml";
import { UsageError } from "../../core/errors.js";
import type { CandidateEntry, Detect, FailureExample } from "../../failures/index.js";
import type { CliContext } from "../cli-context.js";

/** Flags of `jig failures add`; repeatable ones arrive as arrays. */
export interface AddFlags {
  id?: string;
  title?: string;
  severity?: string;
  domain?: string;
  appliesTo: string[];
  trigger?: string;
  symptom: string[];
  fix?: string;
  source?: string;
  tag: string[];
  added?: string;
  removed?: string;
  absent?: string;
  fileDeleted?: boolean;
  ast?: string;
  astLanguage?: string;
  bad: string[];
  good: string[];
  examplePath?: string;
  dryRun?: boolean;
}

const REQUIRED = ["id", "title", "severity", "domain", "trigger", "fix", "source"] as const;

/**
 * Build a candidate from flags, asking for missing fields on a TTY with
 * @clack/prompts. Without a TTY, missing fields are a usage error naming them.
 * `--bad`/`--good` take added-line snippets; a snippet of the form
 * `before=>after` (literally `=>` on its own line) becomes an edit example.
 */
export async function candidateFromFlags(
  context: CliContext,
  flags: AddFlags,
): Promise<CandidateEntry> {
  const values: Record<string, string | undefined> = {
    id: flags.id,
    title: flags.title,
    severity: flags.severity,
    domain: flags.domain,
    trigger: flags.trigger,
    fix: flags.fix,
    source: flags.source,
  };
  const symptoms = [...flags.symptom];
  const bad = [...flags.bad];
  const good = [...flags.good];
  const missing = REQUIRED.filter((key) => !values[key]);
  if (symptoms.length === 0) missing.push("symptom" as never);
  if (bad.length === 0) missing.push("bad" as never);
  if (good.length === 0) missing.push("good" as never);
  if (missing.length > 0) {
    if (!context.stdin.isTTY || !context.stdout.isTTY) {
      throw new UsageError(
        `missing ${missing.map((name) => `--${name}`).join(", ")}; pass them as flags (no TTY to ask on)`,
      );
    }
    const prompts = await import("@clack/prompts");
    const ask = async (message: string, placeholder?: string): Promise<string> => {
      const answer = await prompts.text({
        message,
        ...(placeholder ? { placeholder } : {}),
        validate: (value) => (value?.trim() ? undefined : "required"),
      });
      if (prompts.isCancel(answer)) throw new UsageError("cancelled");
      return answer.trim();
    };
    for (const key of REQUIRED) {
      if (values[key]) continue;
      if (key === "severity") {
        const answer = await prompts.select({
          message: "severity",
          options: ["critical", "high", "medium", "low"].map((value) => ({ value, label: value })),
        });
        if (prompts.isCancel(answer)) throw new UsageError("cancelled");
        values.severity = String(answer);
      } else {
        values[key] = await ask(key, key === "id" ? "FM-AREA-001" : undefined);
      }
    }
    if (symptoms.length === 0) symptoms.push(await ask("a symptom (what it looks like)"));
    if (!flags.added && !flags.removed && !flags.absent && !flags.ast && !flags.fileDeleted) {
      const regex = await ask("detector: a regex matching an added line");
      flags.added = regex;
    }
    if (bad.length === 0) bad.push(await ask("a bad example (added line the detector must match)"));
    if (good.length === 0) good.push(await ask("a good example (added line it must not match)"));
  }
  const detect: Detect = {};
  if (flags.added) detect.added = flags.added;
  if (flags.removed) detect.removed = flags.removed;
  if (flags.absent) detect.absent = flags.absent;
  if (flags.fileDeleted) detect.fileDeleted = true;
  if (flags.ast) {
    let rule: unknown;
    try {
      rule = parseYaml(flags.ast);
    } catch (error) {
      throw new UsageError(`--ast is not valid YAML/JSON: ${(error as Error).message}`);
    }
    if (!rule || typeof rule !== "object")
      throw new UsageError("--ast must be an ast-grep rule object, e.g. '{kind: catch_clause}'");
    detect.ast = {
      rule: rule as Record<string, unknown>,
      ...(flags.astLanguage ? { language: flags.astLanguage } : {}),
    };
  }
  const toExample = (snippet: string): FailureExample => {
    const split = snippet.split(/\n=>\n/);
    const path = flags.examplePath ? { path: flags.examplePath } : {};
    if (split.length === 2) return { ...path, before: `${split[0]}\n`, after: `${split[1]}\n` };
    if (flags.fileDeleted) return { ...path, deleted: true, before: snippet };
    return flags.examplePath ? { path: flags.examplePath, code: snippet } : snippet;
  };
  const candidate: CandidateEntry = {
    id: values.id as string,
    domain: values.domain as string,
    title: values.title as string,
    severity: values.severity as CandidateEntry["severity"],
    trigger: values.trigger as string,
    symptoms,
    fix: values.fix as string,
    source: values.source as string,
    examples: { bad: bad.map(toExample), good: good.map(toExample) },
  };
  if (flags.appliesTo.length > 0) candidate.appliesTo = flags.appliesTo;
  if (flags.tag.length > 0) candidate.tags = flags.tag;
  if (Object.keys(detect).length > 0) candidate.detect = detect;
  return candidate;
}
