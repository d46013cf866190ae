import { UsageError } from "../../core/errors.js";
import {
  buildCandidate,
  type CandidateEntry,
  REQUIRED_CANDIDATE_FIELDS,
} from "../../failures/index.js";
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

/**
 * Build a candidate from flags, asking for missing fields on a TTY with
 * @clack/prompts. Without a TTY, missing fields are a usage error naming them.
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
  const missing: string[] = REQUIRED_CANDIDATE_FIELDS.filter((key) => !values[key]);
  if (symptoms.length === 0) missing.push("symptom");
  if (bad.length === 0) missing.push("bad");
  if (good.length === 0) missing.push("good");
  if (missing.length > 0) {
    if (!context.stdin.isTTY || !context.stdout.isTTY) {
      throw new UsageError(
        `missing ${missing.map((name) => `--${name}`).join(", ")}; pass them as flags (no TTY to ask on)`,
      );
    }
    await askForMissing(flags, values, { symptoms, bad, good });
  }
  return buildCandidate({
    ...flags,
    ...(values as Record<(typeof REQUIRED_CANDIDATE_FIELDS)[number], string>),
    symptoms,
    bad,
    good,
    tags: flags.tag,
  });
}

/** Ask on the terminal for every field the flags left out, filling `values` and the lists. */
async function askForMissing(
  flags: AddFlags,
  values: Record<string, string | undefined>,
  lists: { symptoms: string[]; bad: string[]; good: string[] },
): Promise<void> {
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
  for (const key of REQUIRED_CANDIDATE_FIELDS) {
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
  if (lists.symptoms.length === 0) lists.symptoms.push(await ask("a symptom (what it looks like)"));
  if (!flags.added && !flags.removed && !flags.absent && !flags.ast && !flags.fileDeleted) {
    flags.added = await ask("detector: a regex matching an added line");
  }
  if (lists.bad.length === 0)
    lists.bad.push(await ask("a bad example (added line the detector must match)"));
  if (lists.good.length === 0)
    lists.good.push(await ask("a good example (added line it must not match)"));
}
